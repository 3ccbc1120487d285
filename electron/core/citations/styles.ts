import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { CITATION_STYLES, type CitationStyle } from '../../shared/citation-styles';
// The official CSL styles and locale, as the CSL project publishes them (resources/csl/README.md
// says where from, and their licence). Imported as text, so the bundles carry them and read no file.
import amaXml from '../../../resources/csl/american-medical-association.csl' with { type: 'text' };
import apaXml from '../../../resources/csl/apa.csl' with { type: 'text' };
import vancouverXml from '../../../resources/csl/vancouver.csl' with { type: 'text' };
import localeEnUs from '../../../resources/csl/locales-en-US.xml' with { type: 'text' };

export { CITATION_STYLES, type CitationStyle };

/**
 * Each style's CSL file, registered with citation-js's CSL plugin under a name of GeneShelf's own
 * (the plugin carries older copies of "apa" and "vancouver" under those names; ours must win,
 * whatever the plugin ships).
 */
const CSL_FILES: Record<CitationStyle, { template: string; xml: string }> = {
  vancouver: { template: 'geneshelf-vancouver', xml: vancouverXml },
  ama: { template: 'geneshelf-ama', xml: amaXml },
  apa: { template: 'geneshelf-apa', xml: apaXml },
};

/** Every style's citations are in US English, from the CSL project's locale of that name. */
export const CITATION_LOCALE = 'en-US';

let registered = false;

/** The CSL plugin's engine settings, with GeneShelf's styles and locale registered at first use. */
export function cslPlugin() {
  const config = plugins.config.get('@csl');
  if (!registered) {
    for (const { template, xml } of Object.values(CSL_FILES)) config.templates.add(template, xml);
    config.locales.add(CITATION_LOCALE, localeEnUs);
    registered = true;
  }
  return config;
}

/** The name a style is registered under. */
export function templateOf(style: CitationStyle): string {
  return CSL_FILES[style].template;
}
