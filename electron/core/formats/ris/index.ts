export { ris, parseRis, readRis, looksLikeRis, type RisRecord } from './reader';
export { writeRis, recordToRis } from './writer';
