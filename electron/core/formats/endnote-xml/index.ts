export { endnoteXml, parseEndnoteXml, looksLikeEndnoteXml, endnoteFields, type EndnoteFields } from './reader';
