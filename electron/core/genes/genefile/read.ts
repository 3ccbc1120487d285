import type { ErrorObject, ValidateFunction } from 'ajv';
import { lazyModule } from '../../lazy-load';
import schema from '../../../../resources/genefile.schema.json' with { type: 'json' };
import { GENE_FILE_FORMAT, GENE_FILE_VERSION, type Gene, type ImportWarning, type Publication } from '../../model';
import { isPublicationId, publicationId } from '../../identity';
import { canonicalDatabaseName } from '../../links';
import { jsonSyntaxProblem, toJsonPath } from './json-position';

export interface GeneFileProblem {
  reason: string;
  line?: number;
  jsonPath?: string;
}

/** A gene file that cannot be imported, with every problem found (the first one leads the message). */
export class GeneFileError extends Error {
  constructor(readonly problems: GeneFileProblem[]) {
    super(problems[0]?.reason ?? 'invalid gene file');
  }
}

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  // Compiled on first use: the schema in resources/ is the one contract for what a file may hold.
  // Ajv itself is loaded then too: a command that reads no gene file does not wait for it.
  if (!validator) {
    const { Ajv } = lazyModule<typeof import('ajv')>(() => require('ajv'), 'ajv');
    validator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return validator;
}

function ajvProblem(e: ErrorObject): GeneFileProblem {
  let path = toJsonPath(e.instancePath);
  let reason = e.message ?? 'is not valid';
  if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty?: string }).missingProperty);
    path = toJsonPath(`${e.instancePath}/${missing}`);
    reason = 'is required but missing';
  } else if (e.keyword === 'pattern' && path.endsWith('.symbol')) {
    reason = 'must be a gene symbol (letters, digits, ".", "-", "_"; at most 40 characters)';
  }
  return { reason: `${path} ${reason}`, jsonPath: path };
}

/**
 * A gene file's deepest real value is a MeSH qualifier, six levels down. Extra fields are kept as
 * they come, and the schema's validator, structuredClone and the store's writer all recurse, so a
 * value thousands of levels deep would pass validation and then overflow the stack at import.
 */
const MAX_DEPTH = 32;

/** The JSON path of the first value nested deeper than `limit`, found without recursion; null when none is. */
function tooDeep(root: unknown, limit: number): string | null {
  const stack: Array<{ value: unknown; depth: number; path: string }> = [{ value: root, depth: 0, path: '$' }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth >= limit) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, path: `${path}[${i}]` }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, path: /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]` });
  }
  return null;
}

/** True when the text is JSON that claims to be a gene file, or at least looks like JSON. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/**
 * Parses and validates a GeneShelf gene file. Every import goes through the JSON Schema in
 * resources/; on top of it come the rules a schema cannot say (no gene twice in one file).
 */
export function readGeneFile(text: string): { genes: Gene[]; warnings: ImportWarning[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GeneFileError([jsonSyntaxProblem(text, error)]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== GENE_FILE_FORMAT) {
    throw new GeneFileError([
      { reason: `this JSON is not a GeneShelf gene file ($.format must be "${GENE_FILE_FORMAT}")`, jsonPath: '$.format' },
    ]);
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > GENE_FILE_VERSION) {
    throw new GeneFileError([
      { reason: `$.version is ${version}: the file was written by a newer GeneShelf, which this one (gene file version ${GENE_FILE_VERSION}) cannot read`, jsonPath: '$.version' },
    ]);
  }
  const deep = tooDeep(data, MAX_DEPTH);
  if (deep) {
    throw new GeneFileError([{ reason: `${deep} is nested more than ${MAX_DEPTH} levels deep; a gene file's values are at most a few levels deep`, jsonPath: deep }]);
  }
  const check = validate();
  if (!check(data)) {
    throw new GeneFileError((check.errors ?? []).map(ajvProblem));
  }

  const warnings: ImportWarning[] = [];
  const raw = (data as { genes: Array<Record<string, unknown>> }).genes;
  const problems: GeneFileProblem[] = [];
  const seenSymbols = new Map<string, number>();
  raw.forEach((g, i) => {
    const key = String(g.symbol).toUpperCase();
    const first = seenSymbols.get(key);
    if (first !== undefined) {
      problems.push({ reason: `$.genes[${i}].symbol "${String(g.symbol)}" repeats $.genes[${first}]; a file holds each gene once`, jsonPath: `$.genes[${i}].symbol` });
    } else seenSymbols.set(key, i);
  });
  if (problems.length) throw new GeneFileError(problems);

  const genes = raw.map((g, i) => normaliseGene(g, i, warnings));
  return { genes, warnings };
}

function normaliseGene(g: Record<string, unknown>, index: number, warnings: ImportWarning[]): Gene {
  const gene = {
    ...g,
    symbol: String(g.symbol),
    name: (g.name as string) ?? '',
    aliases: (g.aliases as string[]) ?? [],
    location: (g.location as string) ?? '',
    summary: (g.summary as string) ?? '',
    protein: (g.protein as string) ?? '',
    databases: ((g.databases as Gene['databases']) ?? []).map((d) => ({ ...d, name: canonicalDatabaseName(d.name) })),
    ontology: { count: 0, terms: [], ...(g.ontology as object) },
    cancerOverview: (g.cancerOverview as string) ?? '',
    specificCancers: (g.specificCancers as Gene['specificCancers']) ?? [],
    literatureTerms: ((g.literatureTerms as Array<{ term: string; weight?: number }>) ?? []).map((t) => ({ ...t, weight: t.weight ?? 1 })),
    provenance: (g.provenance as Gene['provenance']) ?? {},
    publications: [] as Publication[],
  } as Gene;
  const seen = new Set<string>();
  ((g.publications as Array<Record<string, unknown>>) ?? []).forEach((p, j) => {
    const pub = {
      ...p,
      authors: (p.authors as string[]) ?? [],
      etAl: (p.etAl as boolean) ?? false,
      title: String(p.title),
      journal: (p.journal as string) ?? '',
      freeFullText: (p.freeFullText as boolean) ?? false,
      abstract: (p.abstract as string) ?? '',
    } as Publication;
    // The schema asks only for a descriptor's name; the marks default to "not a major topic".
    if (Array.isArray(p.mesh)) {
      pub.mesh = (p.mesh as Array<{ descriptor: string; major?: boolean; qualifiers?: Array<{ name: string; major?: boolean }> }>).map((h) => ({
        descriptor: h.descriptor,
        major: h.major ?? false,
        qualifiers: (h.qualifiers ?? []).map((q) => ({ name: q.name, major: q.major ?? false })),
      }));
    }
    // The file's own id is kept (bookmarks made from it stay valid) when it is one GeneShelf
    // could have made; any other would be shown but refused by every call that takes an id.
    const given = typeof p.id === 'string' ? p.id : undefined;
    pub.id = given !== undefined && isPublicationId(given) ? given : publicationId(pub);
    if (given !== undefined && given !== pub.id) {
      warnings.push({ message: `publication id "${given.slice(0, 80)}" is not a GeneShelf id (pmid:N, doi:..., key-...); it was read as ${pub.id}`, path: `$.genes[${index}].publications[${j}].id` });
    }
    if (seen.has(pub.id)) {
      warnings.push({ message: `publication id "${pub.id}" appears twice in ${gene.symbol}; the second was skipped`, path: `$.genes[${index}].publications[${j}].id` });
      return;
    }
    seen.add(pub.id);
    gene.publications.push(pub);
  });
  return gene;
}
