/**
 * Two capitals or a capital and a digit, then "  - " (readers in the wild also accept one space).
 * The s flag lets a value hold U+2028 and U+2029, which JavaScript otherwise counts as line ends.
 */
export const TAG_LINE = /^([A-Z][A-Z0-9])[ \t]{1,2}-(?: (.*))?$/s;
