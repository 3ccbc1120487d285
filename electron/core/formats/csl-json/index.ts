export { cslJson, parseCslJson, cslToPublication, looksLikeCslJson } from './reader';
export { writeCslJson, toCslItem, type CslItem } from './writer';
