import { Geography } from "./geography";
import { ParsedReturn } from "../returns/returns";

/** The seven domains of the English Indices of Deprivation, as File 2 publishes them, plus the IMD. */
export const IMD_MEASURES = [
  { id: "imd", field: "decile", label: "IMD", short: "IMD" },
  { id: "income", field: "income", label: "Income", short: "Income" },
  { id: "employment", field: "employment", label: "Employment", short: "Employment" },
  { id: "education", field: "education", label: "Education, Skills and Training", short: "Education" },
  { id: "health", field: "health", label: "Health Deprivation and Disability", short: "Health" },
  { id: "crime", field: "crime", label: "Crime", short: "Crime" },
  { id: "housing", field: "housing", label: "Barriers to Housing and Services", short: "Housing" },
  { id: "living", field: "living", label: "Living Environment", short: "Living env." },
] as const;

export type ImdMeasureId = (typeof IMD_MEASURES)[number]["id"];

export interface ImdProfileRow {
  ward: string;
  lsoas: number;
  /** LSOAs in deciles 1-3 (the 30% most deprived nationally); null when the file lacks the domain. */
  counts: Record<ImdMeasureId, number | null>;
}

export interface ImdProfile {
  district: string;
  /** "in the 30% most deprived": deciles 1 to this. */
  maxDecile: number;
  rows: ImdProfileRow[];
}

/**
 * The Research Group's "IMD profile by ward": per ward, how many of its LSOAs are in the 30%
 * most deprived for the IMD and each domain. The returns must already be placed in wards.
 */
export function imdProfile(returns: readonly ParsedReturn[], geography: Geography, maxDecile = 3): ImdProfile {
  const imd = returns.filter((r) => r.kind.id === "imd");
  const rows = new Map<string, ImdProfileRow>();
  for (const w of geography.wards) {
    rows.set(w.name, {
      ward: w.name,
      lsoas: 0,
      counts: Object.fromEntries(IMD_MEASURES.map((m) => [m.id, null])) as ImdProfileRow["counts"],
    });
  }
  const seen = new Set<string>();
  for (const ret of imd) {
    const lsoaI = ret.kind.fields.findIndex((f) => f.id === "lsoa");
    const present = IMD_MEASURES.map((m) => ({ m, i: ret.kind.fields.findIndex((f) => f.id === m.field) })).filter(
      ({ i }) => i >= 0 && ret.columns.has(ret.kind.fields[i].id),
    );
    for (const row of rows.values()) for (const { m } of present) if (row.counts[m.id] === null) row.counts[m.id] = 0;
    const records = ret.records;
    for (let r = 0; r < records.length; r++) {
      const ward = records.ward(r);
      const row = ward ? rows.get(ward) : undefined;
      const lsoa = records.text(r, lsoaI) as string;
      if (!row || seen.has(lsoa)) continue;
      seen.add(lsoa);
      row.lsoas++;
      for (const { m, i } of present) {
        const d = records.number(r, i);
        if (d !== undefined && d <= maxDecile) row.counts[m.id] = (row.counts[m.id] ?? 0) + 1;
      }
    }
  }
  return { district: geography.district, maxDecile, rows: [...rows.values()] };
}
