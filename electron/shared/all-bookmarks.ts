/** The reading-list view's id and title for every bookmarked publication, whatever its list. */
export const ALL_BOOKMARKS = 'all';
export const ALL_BOOKMARKS_NAME = 'All bookmarks';
