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
