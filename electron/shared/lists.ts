/** The reading-list view's id and title for every bookmarked publication, whatever its list. */
export const ALL_BOOKMARKS = 'all';
export const ALL_BOOKMARKS_NAME = 'All bookmarks';

/** The list that exists from the first run; the star on a card adds to the first list. */
export const DEFAULT_LIST_ID = 'reading-list';
export const DEFAULT_LIST_NAME = 'Reading list';
