/**
 * Names are compared after normalising case, spacing, punctuation and "&"/"and", so that
 * "Histon and Impington" and "Histon & Impington" are one ward. Spelling differences
 * ("Melbourne" / "Melbourn") are not normalised away: they are reported with the nearest names.
 */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['\u2019\u2018`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** The closest names to a text, best first: the ones a person most likely meant. */
export function nearestNames(text: string, names: readonly string[], limit = 3): string[] {
  const key = normaliseName(text);
  if (!key) return [];
  const scored = names.map((name) => {
    const other = normaliseName(name);
    let d = editDistance(key, other);
    // A name given in part ("Histon" for "Histon & Impington") is as near as a one-letter slip.
    if (` ${other} `.includes(` ${key} `) || ` ${key} `.includes(` ${other} `)) d = Math.min(d, 1);
    return { name, d };
  });
  scored.sort((x, y) => x.d - y.d || x.name.localeCompare(y.name));
  const limitDistance = Math.max(3, Math.ceil(key.length / 2));
  return scored
    .filter((s) => s.d <= limitDistance)
    .slice(0, limit)
    .map((s) => s.name);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** Lists names for a message: "A, B and C" (with "and N more" past the limit). */
export function listNames(names: readonly string[], limit = 6, conjunction: "and" | "or" = "and"): string {
  const shown = names.slice(0, limit);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} ${conjunction} ${rest} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} ${conjunction} ${shown[shown.length - 1]}`;
}

/**
 * The one rule for text a spreadsheet would run as a formula (or a DDE link): it starts, after
 * any blanks or control characters, with = + - @, and is not simply a number ("-3", "+44").
 * Validation reports it; every output that a spreadsheet may open (CSV, HTML and plain-text
 * copies, the text report) writes it through inertText; .xlsx cells hold it as typed text.
 */
export function looksLikeFormula(text: string): boolean {
  const t = text.replace(/^[\s\u0000-\u001f]+/, "").trimEnd();
  return t.length > 1 && /^[=+\-@]/.test(t) && !PLAIN_NUMBER.test(t);
}

const PLAIN_NUMBER = /^[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i;

/** Text as it may be written where a spreadsheet could open it: formula-like text is prefixed with ' so it stays text. */
export function inertText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** A file's name without its folders ("C:\\Data\\lookup.csv" and "/home/a/lookup.csv" both give "lookup.csv"). */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
