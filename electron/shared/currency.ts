/** The thresholds (years) after which gene content is marked as possibly out of date: the contract's check and core's list. */
export const STALE_YEAR_CHOICES = [1, 2, 3, 5, 10] as const;
export const DEFAULT_STALE_YEARS = 2;
