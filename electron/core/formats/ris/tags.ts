/** Two capitals or a capital and a digit, then "  - " (readers in the wild also accept one space). */
export const TAG_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?: (.*))?$/;
