// Stands in for sync-fetch in GeneShelf's bundles; see fetch-ponyfill.cjs beside it.
function refuse() {
  throw new Error('GeneShelf makes no network request');
}
refuse.Headers = class Headers {};
module.exports = refuse;
