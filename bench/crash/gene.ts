// The gene write i of bench/crash's gene writer, which the harness checks for after a kill.
import { geneWithSymbol, type Publication } from '../../electron/core/model';

/** What the library must hold after write i: gene CRASH<i % 3>, citing these three. */
export function crashGene(i: number) {
  const symbol = `CRASH${i % 3}`;
  const publications: Publication[] = [0, 1, 2].map((k) => ({
    id: `pmid:${9_000_000 + (i % 3) * 10 + k}`,
    pmid: String(9_000_000 + (i % 3) * 10 + k),
    authors: ['Writer A'],
    etAl: false,
    title: `g${i} paper ${k}`,
    journal: 'Crash J',
    freeFullText: false,
    abstract: '',
  }));
  return { ...geneWithSymbol(symbol), name: `crash gene ${i}`, publications };
}
