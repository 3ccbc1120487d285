export { decodeText, normaliseText, NotTextError, type DecodedText, type TextEncodingName } from './decode';
export { LineIndex, withoutLoneCrs } from './lines';
