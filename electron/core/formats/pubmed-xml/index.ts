export { pubmedXml, parsePubmedXml, looksLikePubmedXml } from './reader';
