import type { Route } from '../routes';

/**
 * Which screen is open. The route table (routes.ts) says what each screen is; this holds the
 * current route and moves between them, asking the route's `enter` to load its data first, so a
 * screen never shows with the previous screen's data.
 *
 * It keeps a history as a browser does: every new screen opens at its top, and Back (Alt+Left,
 * the ‹ button) returns to the screen before at the place the reader had scrolled to.
 */

/** How a screen is scrolled and shown: the window in the app, a fake in specs. */
export interface Viewport {
  scrollY(): number;
  /** Called once the new screen is drawn. */
  scrollTo(y: number): void | Promise<void>;
  /** Resolves once the DOM shows the route just set (Svelte's tick, then a frame). */
  settled(): Promise<void>;
}

const MAX_HISTORY = 50;

/** Whether two routes show the same screen (the same gene, the same list), whatever else they carry. */
function sameScreen(a: Route, b: Route): boolean {
  if (a.name !== b.name) return false;
  if (a.name === 'gene' && b.name === 'gene') return a.symbol.toUpperCase() === b.symbol.toUpperCase();
  if (a.name === 'lists' && b.name === 'lists') return (a.listId ?? null) === (b.listId ?? null);
  return true;
}

class Navigation {
  #route = $state.raw<Route>({ name: 'library' });
  #back = $state.raw<Array<{ route: Route; scrollY: number }>>([]);
  #enter: (route: Route) => Promise<boolean> = async () => true;
  #viewport: Viewport | null = null;

  get route(): Route {
    return this.#route;
  }

  /** Whether there is a screen to go back to. */
  get canGoBack(): boolean {
    return this.#back.length > 0;
  }

  /** Set once by App from the route table and the window; specs set their own. */
  configure(enter: (route: Route) => Promise<boolean>, viewport: Viewport | null = null): void {
    this.#enter = enter;
    this.#viewport = viewport;
  }

  /**
   * Opens `route` once its data has loaded, at its top; stays put when the route refuses (a gene
   * removed meanwhile). `replace` opens it in place of the current screen (the same gene page
   * refreshed), keeping the history and the scroll.
   */
  async go(route: Route, options: { replace?: boolean } = {}): Promise<void> {
    const from = { route: this.#route, scrollY: this.#viewport?.scrollY() ?? 0 };
    if (!(await this.#enter(route))) return;
    const same = sameScreen(from.route, route);
    if (!options.replace && !same) this.#back = [...this.#back, from].slice(-MAX_HISTORY);
    this.#route = route;
    // A screen opened at one item (a search result, a note) scrolls to it itself.
    if (options.replace || same || ('focus' in route && route.focus)) return;
    await this.#show(0);
  }

  /** The screen before, where the reader left it. */
  async back(): Promise<void> {
    // A screen that cannot be shown any more (a gene removed) is passed over, to the one before it.
    for (let previous = this.#back.at(-1); previous; previous = this.#back.at(-1)) {
      this.#back = this.#back.slice(0, -1);
      if (!(await this.#enter(previous.route))) continue;
      this.#route = previous.route;
      await this.#show(previous.scrollY);
      return;
    }
  }

  async #show(y: number): Promise<void> {
    if (!this.#viewport) return;
    await this.#viewport.settled();
    await this.#viewport.scrollTo(y);
  }

  reset(): void {
    this.#route = { name: 'library' };
    this.#back = [];
    this.#enter = async () => true;
    this.#viewport = null;
  }
}

export const navigation = new Navigation();
