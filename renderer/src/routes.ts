import type { Component } from 'svelte';
import type { MenuCommand } from '../../electron/shared/menu';
import GeneScreen from './screens/gene/GeneScreen.svelte';
import LibraryScreen from './screens/library/LibraryScreen.svelte';
import ListsScreen from './screens/lists/ListsScreen.svelte';
import SearchScreen from './screens/search/SearchScreen.svelte';
import { genePage } from './state/gene.svelte';
import { library } from './state/library.svelte';
import { reading } from './state/reading.svelte';

/**
 * Every screen of the app, one entry each: the component that draws it, its breadcrumb, the menu
 * command that opens it (from electron/shared/menu.ts) and what it loads before it shows. A new
 * screen is a folder under screens/ and one entry here.
 */
interface RouteSpec<P> {
  component: Component;
  crumb(params: P): string;
  menu?: MenuCommand;
  /** Loads what the screen shows; false keeps the user where they are (the message bar says why). */
  enter(params: P): Promise<boolean>;
}

const route = <P extends object = object>(spec: RouteSpec<P>) => spec;

export const ROUTES = {
  library: route({
    component: LibraryScreen,
    crumb: () => 'Library',
    menu: 'show-library',
    enter: async () => {
      genePage.forget();
      // Read again on the way in: the CLI may have changed the library folder meanwhile.
      await library.refresh();
      return true;
    },
  }),
  gene: route<{ symbol: string; remember?: boolean; focus?: string }>({
    component: GeneScreen,
    crumb: ({ symbol }) => symbol,
    // Opened from search at one publication: the page holding it, scrolled to it.
    enter: ({ symbol, remember, focus }) => (focus ? genePage.openAt(symbol, focus) : genePage.open(symbol, { remember: remember !== false })),
  }),
  search: route({
    component: SearchScreen,
    crumb: () => 'Search',
    enter: async () => true,
  }),
  lists: route<{ listId?: string; focus?: string }>({
    component: ListsScreen,
    crumb: () => 'Reading lists',
    menu: 'show-lists',
    enter: async ({ listId, focus }) => {
      await reading.open(listId, focus);
      return true;
    },
  }),
};

type Routes = typeof ROUTES;
type ParamsOf<K extends keyof Routes> = Routes[K] extends RouteSpec<infer P> ? P : never;
export type RouteName = keyof Routes;
/** A screen and what it shows: { name: 'gene', symbol: 'IKZF1' }. */
export type Route = { [K in RouteName]: { name: K } & ParamsOf<K> }[RouteName];

/** Runs a route's `enter` with its own parameters. */
export function enterRoute(route: Route): Promise<boolean> {
  return (ROUTES[route.name] as RouteSpec<Route>).enter(route);
}

export function crumbOf(route: Route): string {
  return (ROUTES[route.name] as RouteSpec<Route>).crumb(route);
}

/** The screens a menu command opens, from the table. */
export function routeForCommand(command: MenuCommand): Route | undefined {
  const name = (Object.keys(ROUTES) as RouteName[]).find((n) => (ROUTES[n] as RouteSpec<object>).menu === command);
  return name ? ({ name } as Route) : undefined;
}
