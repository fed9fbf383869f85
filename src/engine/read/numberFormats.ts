/* Number formats: which show dates. Apart from the workbook reader, so that the pane's adapter can ask without carrying the reader. */

/**
 * Whether a number format shows a date or time: any of y, m, d, h, s (in either case, as Excel
 * reads them) outside quoted text, escaped characters, [colours and conditions] and padding.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  // "General" and the like contain letters but no date codes; "e" alone is a year in some locales, but also an exponent.
  return /[ymdhs]/i.test(bare.replace(/general/gi, ""));
}
