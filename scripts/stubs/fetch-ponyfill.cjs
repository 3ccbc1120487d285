// Stands in for fetch-ponyfill in GeneShelf's bundles. citation-js (which reads BibTeX) can fetch
// URLs and DOIs; GeneShelf never asks it to and makes no network request, so the code that could
// is left out of the app altogether (scripts/build-node.mjs aliases it here).
class Headers {}
const refuse = async () => {
  throw new Error('GeneShelf makes no network request');
};
module.exports = () => ({ fetch: refuse, Headers, Request: class {}, Response: class {} });
