/**
 * How the window looks, as the reader sets it: the theme (the system's, or light or dark always)
 * and whether the sidebar is folded away. Kept in user.json's settings; plain data for main's
 * validator and the renderer.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;

export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const isThemeChoice = (v: unknown): v is ThemeChoice => typeof v === 'string' && (THEME_CHOICES as readonly string[]).includes(v);
