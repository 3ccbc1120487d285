import type { Route } from '../routes';

/**
 * Which screen is open. The route table (routes.ts) says what each screen is; this holds the
 * current route and moves between them, asking the route's `enter` to load its data first, so a
 * screen never shows with the previous screen's data.
 */
class Navigation {
  #route = $state.raw<Route>({ name: 'library' });
  #enter: (route: Route) => Promise<boolean> = async () => true;

  get route(): Route {
    return this.#route;
  }

  /** Set once by App from the route table; specs set their own. */
  configure(enter: (route: Route) => Promise<boolean>): void {
    this.#enter = enter;
  }

  /** Opens `route` once its data has loaded; stays put when the route refuses (a gene removed meanwhile). */
  async go(route: Route): Promise<void> {
    if (!(await this.#enter(route))) return;
    this.#route = route;
  }

  reset(): void {
    this.#route = { name: 'library' };
    this.#enter = async () => true;
  }
}

export const navigation = new Navigation();
