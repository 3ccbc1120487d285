import { UserStateError } from '../errors';
import type { Gene } from '../model';
import { saveFile, type GeneListItem, type LibraryStore } from '../library';
import { buildGeneView, type GeneView } from './gene-view';
import { DEFAULT_STALE_YEARS, currencyOf, type Currency } from './currency';
import { genePage, publicationPage, type GenePage, type PublicationOptions, type PublicationPage } from './gene-page';
import { serialiseGeneFile } from './genefile';

/**
 * The genes part of the service: the library's genes, a gene page and its publications a page at
 * a time, the gene opened last, removing a gene and writing genes to a gene file.
 */
/** What the gene page's sort and filters are asked with: a text filter instead of the ids it finds. */
export type PublicationFilters = Omit<PublicationOptions, 'matching'> & { text?: string };

export function geneCalls(store: LibraryStore, options: { findInGene?: (symbol: string, text: string) => Promise<Set<string>>; clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const staleYears = () => store.settings.staleAfterYears ?? DEFAULT_STALE_YEARS;
  // The last gene page built, kept while the library is unchanged: its pages are asked for in turn.
  let cache: { symbol: string; revision: number; view: GeneView } | null = null;
  const cachedView = async (symbol: string): Promise<GeneView | null> => {
    const key = symbol.toUpperCase();
    if (cache && cache.symbol === key && cache.revision === store.revision) return cache.view;
    const revision = store.revision;
    const view = await calls.getGeneView(symbol);
    cache = view ? { symbol: key, revision, view } : null;
    return view;
  };

  const calls = {
    /** The library's genes, each with how old its content is (the library list's column). */
    listGenes(): Array<GeneListItem & { currency: Currency | null }> {
      const now = clock();
      const years = staleYears();
      return store.listGenes().map((g) => ({ ...g, currency: currencyOf(g.provenance ?? {}, now, years) }));
    },

    async getGeneView(symbol: string): Promise<GeneView | null> {
      const gene = await store.getGene(symbol);
      return gene ? buildGeneView(gene) : null;
    },

    /** The gene page for the app: counts per term and the first page of publications. */
    async getGene(symbol: string): Promise<GenePage | null> {
      const view = await cachedView(symbol);
      return view ? genePage(view, clock(), staleYears()) : null;
    },

    /**
     * A page of a gene's publications: all of them or those a literature term finds, narrowed by
     * year, free full text and a text filter within the gene (answered by search's index), in the
     * order asked for.
     */
    async getPublications(symbol: string, term: string | null, offset: number, limit: number, filters: PublicationFilters | null = null): Promise<PublicationPage | null> {
      const view = await cachedView(symbol);
      if (!view) return null;
      const { text, ...rest } = filters ?? {};
      const matching = text?.trim() && options.findInGene ? await options.findInGene(view.gene.symbol, text) : undefined;
      return publicationPage(view, term, offset, limit, { ...rest, ...(matching ? { matching } : {}) });
    },

    lastGene(): string | null {
      return store.lastGene;
    },

    setLastGene(symbol: string | null): Promise<void> {
      return store.setLastGene(symbol);
    },

    /** Removes a gene from the library; its listed publications stay in their lists. */
    async removeGene(symbol: string): Promise<void> {
      if (!(await store.removeGene(symbol))) throw new UserStateError(`${symbol} is not in the library.`);
      if (store.lastGene?.toUpperCase() === symbol.toUpperCase()) await store.setLastGene(null);
    },

    /** Writes the named genes as one gene file. Unknown symbols are an error, not a silent gap. */
    async exportGenesTo(symbols: string[], file: string): Promise<{ file: string; genes: number; publications: number }> {
      const genes: Gene[] = [];
      for (const s of symbols) {
        const gene = await store.getGene(s);
        if (!gene) throw new UserStateError(`${s} is not in the library`);
        genes.push(gene);
      }
      await saveFile(file, serialiseGeneFile(genes));
      return { file, genes: genes.length, publications: genes.reduce((n, g) => n + g.publications.length, 0) };
    },
  };
  return calls;
}
