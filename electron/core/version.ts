// GeneShelf's version, from package.json (bundled into main and the CLI; read as JSON by the tests),
// for what GeneShelf writes about itself: an import record's "by".
import pkg from '../../package.json' with { type: 'json' };

export const GENESHELF_VERSION: string = pkg.version;
