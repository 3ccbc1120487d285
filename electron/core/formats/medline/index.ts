export { medline, parseMedline, looksLikeMedline } from './reader';
