/* global Office */

/** Office's theme says whether the pane should be dark. */
export function prefersDark(): boolean {
  try {
    const theme = typeof Office !== "undefined" ? Office.context?.officeTheme : undefined;
    if (!theme?.bodyBackgroundColor) return false;
    const hex = theme.bodyBackgroundColor.replace("#", "");
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return 0.299 * r + 0.587 * g + 0.114 * b < 128;
  } catch {
    return false;
  }
}
