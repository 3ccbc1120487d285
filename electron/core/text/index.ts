export { decodeText, normaliseText, NotTextError, utf8Body, type DecodedText, type TextEncodingName } from './decode';
export { hasLoneCr, isWhiteSpace, LineIndex, withoutLoneCrs } from './lines';
export { textSource, utf8Source, type TextSource } from './source';
