import { TextCheck } from "../findings/outcome";
/** The risk key: total flags -> Low / Medium / High (the published key: 0 Low, 1-2 Medium, 3+ High). */
export interface RiskBand {
  min: number;
  /** Inclusive; Infinity for "3+". */
  max: number;
  label: string;
}

export const DEFAULT_RISK_KEY: RiskBand[] = [
  { min: 0, max: 0, label: "Low" },
  { min: 1, max: 2, label: "Medium" },
  { min: 3, max: Infinity, label: "High" },
];

export type RiskKeyParse = TextCheck<{ key: RiskBand[] }>;

const BAND = /^\s*(\d+)\s*(?:(?:-|–|to)\s*(\d+)|(\+))?\s*[:=]\s*(.+?)\s*$/i;

/** Reads a key written "0:Low;1-2:Medium;3+:High" (also with "=" or new lines). */
export function parseRiskKey(text: string): RiskKeyParse {
  const parts = String(text)
    .split(/[;\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const bands: RiskBand[] = [];
  for (const part of parts) {
    const m = BAND.exec(part);
    if (!m) return { ok: false, message: `"${part}" is not a band of a risk key; write bands as "0:Low;1-2:Medium;3+:High".` };
    const min = Number(m[1]);
    const max = m[3] ? Infinity : m[2] !== undefined ? Number(m[2]) : min;
    if (max < min) return { ok: false, message: `"${part}": the band's end is below its start.` };
    bands.push({ min, max, label: m[4] });
  }
  return checkBands(bands);
}

/** A cell of a range as text; Excel passes only strings, numbers and booleans (blank as ""). */
function scalarText(c: unknown): string {
  return typeof c === "string" ? c.trim() : typeof c === "number" || typeof c === "boolean" ? String(c) : "";
}

/** Reads a key from rows of (band, label) or (min, max, label), as a range in a sheet gives them. */
export function riskKeyFromRows(rows: readonly (readonly unknown[])[]): RiskKeyParse {
  const text = rows
    .filter((r) => r.some((c) => scalarText(c) !== ""))
    .map((r) => {
      const cells = r.map(scalarText);
      if (cells.length >= 3 && cells[2]) return `${cells[0]}${cells[1] ? `-${cells[1]}` : "+"}:${cells[2]}`;
      return `${cells[0]}:${cells[1]}`;
    })
    .join(";");
  return parseRiskKey(text);
}

export function checkBands(bands: RiskBand[]): RiskKeyParse {
  if (bands.length === 0) return { ok: false, message: "The risk key has no bands." };
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  if (sorted[0].min !== 0) return { ok: false, message: "The risk key must start at 0 flags." };
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].min !== sorted[i - 1].max + 1) {
      return { ok: false, message: `The risk key has a gap or an overlap between "${sorted[i - 1].label}" and "${sorted[i].label}".` };
    }
  }
  if (sorted[sorted.length - 1].max !== Infinity)
    return { ok: false, message: `The risk key's last band ("${sorted[sorted.length - 1].label}") must be open-ended, e.g. "3+".` };
  return { ok: true, key: sorted };
}

export function riskLevel(total: number, key: readonly RiskBand[] = DEFAULT_RISK_KEY): string | undefined {
  if (!Number.isFinite(total) || total < 0) return undefined;
  const t = Math.floor(total);
  return key.find((b) => t >= b.min && t <= b.max)?.label;
}

export function formatRiskKey(key: readonly RiskBand[]): string {
  return key
    .map(
      (b) =>
        `${b.label} = ${b.max === Infinity ? `${b.min}+` : b.min === b.max ? `${b.min}` : `${b.min}-${b.max}`} flag${b.max === 1 && b.min === 1 ? "" : "s"}`,
    )
    .join("; ");
}
