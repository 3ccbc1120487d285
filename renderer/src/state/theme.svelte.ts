import { reading } from './reading.svelte';
import type { ThemeChoice } from '../../../electron/shared/appearance';

/**
 * The theme the window shows: the reader's choice, or the system's while the choice is "system"
 * (followed as it changes, as at dusk). App puts it on <html data-theme>, which the stylesheet's
 * colours and the charts read.
 */
class ThemeState {
  #systemDark = $state(false);

  constructor() {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.#systemDark = query.matches;
    query.addEventListener('change', (e) => (this.#systemDark = e.matches));
  }

  get choice(): ThemeChoice {
    return reading.settings.theme ?? 'system';
  }

  get effective(): 'light' | 'dark' {
    return this.choice === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.choice;
  }

  choose(choice: ThemeChoice): Promise<void> {
    return reading.setAppearance({ theme: choice });
  }
}

export const theme = new ThemeState();
