export { bibtex, parseBibtex, looksLikeBibtex } from './reader';
export { writeBibtex, citationKeys, escapeTex } from './writer';
