import { CITATION_STYLES, type CitationStyle } from '../../shared/citation-styles';
import { lazyModule } from '../lazy-load';
// The official CSL styles and locale, as the CSL project publishes them (resources/csl/README.md
// says where from, and their licence), as strings: the bundles carry them and read no file.
import { CSL_FILES } from './csl-files';

export { CITATION_STYLES, type CitationStyle };

/**
 * Each style's CSL file, registered with citation-js's CSL plugin under a name of GeneShelf's own
 * (the plugin carries copies of its own of "apa" and "vancouver" under those names; ours must
 * win, whatever the plugin ships).
 */
const STYLE_FILES: Record<CitationStyle, { template: string; xml: string }> = {
  vancouver: { template: 'geneshelf-vancouver', xml: CSL_FILES['vancouver.csl'] },
  ama: { template: 'geneshelf-ama', xml: CSL_FILES['american-medical-association.csl'] },
  apa: { template: 'geneshelf-apa', xml: CSL_FILES['apa.csl'] },
};

/** Every style's citations are in US English, from the CSL project's locale of that name. */
export const CITATION_LOCALE = 'en-US';

let registered = false;

/**
 * citation-js with its CSL plugin, loaded at the first citation rather than at start-up: with
 * citeproc-js they are a megabyte of code, and evaluating them cost every `geneshelf` command
 * (an import, a search) about 30 ms before it began, though only citing uses them.
 */
function citationJs(): typeof import('@citation-js/core') {
  const core = lazyModule<typeof import('@citation-js/core')>(() => require('@citation-js/core'), '@citation-js/core');
  lazyModule(() => require('@citation-js/plugin-csl'), '@citation-js/plugin-csl');
  return core;
}

/** The CSL plugin's engine settings, with GeneShelf's styles and locale registered at first use. */
export function cslPlugin() {
  const config = citationJs().plugins.config.get('@csl');
  if (!registered) {
    for (const { template, xml } of Object.values(STYLE_FILES)) config.templates.add(template, xml);
    config.locales.add(CITATION_LOCALE, CSL_FILES['locales-en-US.xml']);
    registered = true;
  }
  return config;
}

/** The name a style is registered under. */
export function templateOf(style: CitationStyle): string {
  return STYLE_FILES[style].template;
}
