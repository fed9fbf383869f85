/*
 * How results are shown, worded and laid out once for both front ends: Table 4 as text, HTML and
 * a workbook layout, the comparison of quarters, findings in order and in words, cell addresses.
 * The front ends present results only through here and the use cases.
 */
export { comparisonRows, comparisonText } from "../engine/matrix/compare";
export { imdProfileText, matrixHtml, matrixPlainText, matrixText, reasonsText, table4Layout, totalText } from "../engine/matrix/render";
export { chartSheetLayout } from "../engine/matrix/charts";
export { addressOf, countBySeverity, fixInWords, hasErrors, sortFindings } from "../engine/findings/findings";
export { problemText } from "../engine/findings/outcome";
export { cellText, columnLetter, quoteSheetName } from "../engine/read/cells";
export { formatMonthIso, formatMonthLong } from "../engine/read/dates";
export { listNames, plural } from "../engine/read/text";
