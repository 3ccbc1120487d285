import { beforeEach, describe, expect, it } from 'vitest';
import { navigation } from './navigation.svelte';

beforeEach(() => navigation.reset());

describe('navigation', () => {
  it('opens on the library, and moves to a route once its data has loaded', async () => {
    expect(navigation.route).toEqual({ name: 'library' });
    const entered: unknown[] = [];
    navigation.configure(async (route) => {
      entered.push(route);
      return true;
    });
    await navigation.go({ name: 'gene', symbol: 'IKZF1' });
    expect(entered).toEqual([{ name: 'gene', symbol: 'IKZF1' }]);
    expect(navigation.route).toEqual({ name: 'gene', symbol: 'IKZF1' });
  });

  it('stays where it is when a route refuses (a gene removed meanwhile)', async () => {
    navigation.configure(async (route) => route.name !== 'gene');
    await navigation.go({ name: 'lists' });
    await navigation.go({ name: 'gene', symbol: 'GONE1' });
    expect(navigation.route).toEqual({ name: 'lists' });
  });
});

describe('history and scroll', () => {
  function fakeViewport() {
    const log: number[] = [];
    let y = 0;
    return {
      log,
      set y(v: number) {
        y = v;
      },
      viewport: { scrollY: () => y, scrollTo: (to: number) => void log.push((y = to)), settled: async () => {} },
    };
  }

  it('opens every new screen at its top, and Back returns to the screen before where the reader left it', async () => {
    const view = fakeViewport();
    navigation.configure(async () => true, view.viewport);
    await navigation.go({ name: 'gene', symbol: 'IKZF1' });
    expect(navigation.canGoBack).toBe(true);
    view.y = 1800;
    await navigation.go({ name: 'lists' });
    expect(view.log.at(-1)).toBe(0);
    view.y = 300;
    await navigation.back();
    expect(navigation.route).toEqual({ name: 'gene', symbol: 'IKZF1' });
    expect(view.log.at(-1)).toBe(1800);
    await navigation.back();
    expect(navigation.route).toEqual({ name: 'library' });
    expect(navigation.canGoBack).toBe(false);
    await navigation.back();
    expect(navigation.route).toEqual({ name: 'library' });
  });

  it('a screen opened again in place (a refresh) keeps the history and the scroll', async () => {
    const view = fakeViewport();
    navigation.configure(async () => true, view.viewport);
    await navigation.go({ name: 'gene', symbol: 'IKZF1' });
    view.y = 900;
    const scrolls = view.log.length;
    await navigation.go({ name: 'gene', symbol: 'IKZF1', remember: false }, { replace: true });
    expect(view.log.length).toBe(scrolls);
    await navigation.back();
    expect(navigation.route).toEqual({ name: 'library' });
  });

  it('Back past a screen that can no longer be shown moves on past it', async () => {
    const view = fakeViewport();
    let gone = false;
    navigation.configure(async (route) => !(gone && route.name === 'gene'), view.viewport);
    await navigation.go({ name: 'gene', symbol: 'GONE1' });
    await navigation.go({ name: 'lists' });
    gone = true;
    await navigation.back();
    expect(navigation.route).toEqual({ name: 'library' });
    expect(navigation.canGoBack).toBe(false);
  });
});

describe('a screen opened at one item', () => {
  it('is not scrolled to its top: it scrolls to the item itself', async () => {
    const log: number[] = [];
    navigation.configure(async () => true, { scrollY: () => 500, scrollTo: (y) => void log.push(y), settled: async () => {} });
    await navigation.go({ name: 'gene', symbol: 'IKZF1', focus: 'pmid:1' });
    expect(log).toEqual([]);
    await navigation.go({ name: 'lists' });
    expect(log).toEqual([0]);
  });
});

describe('the same screen again', () => {
  it('adds no Back step and does not scroll: the same gene with other options, or the same list', async () => {
    const log: number[] = [];
    navigation.configure(async () => true, { scrollY: () => 400, scrollTo: (y) => void log.push(y), settled: async () => {} });
    await navigation.go({ name: 'gene', symbol: 'IKZF1' });
    await navigation.go({ name: 'gene', symbol: 'ikzf1', remember: false });
    await navigation.go({ name: 'lists', listId: 'reading-list' });
    await navigation.go({ name: 'lists', listId: 'reading-list' });
    expect(log).toEqual([0, 0]);
    await navigation.back();
    expect(navigation.route).toEqual({ name: 'gene', symbol: 'ikzf1', remember: false });
    await navigation.back();
    expect(navigation.route).toEqual({ name: 'library' });
  });
});
