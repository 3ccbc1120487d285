export { foldCharacters, foldSpelling, termOf, termsOf, tokenize, STOP_WORDS } from './fold';
export { parseQuery, FIELDS, type FieldName, type ParsedQuery, type QueryClause } from './query';
export { SearchIndex, Vocabulary, FIELD_BOOST, typosFor, type SearchHit, type SearchOptions, type SearchResult } from './engine';
export type { SearchDocument } from './segment';
export { documentOf } from './documents';
export { LibrarySearch, snippetOf, type SearchableLibrary, type SearchRequest, type SearchResults, type PublicationResult, type GeneResult, type NoteResult, type ListResult, type SearchFacets } from './library-search';
export { looseMatch, editDistance } from './loose-match';
export { searchCalls } from './calls';
export { marksIn, type Marks } from './highlight';
