/*
 * Lookups: the ONS LSOA-to-ward lookup (any year, by its column names), LSOA changes between
 * census years, and village or parish lists; their vintages, and the districts they hold.
 */
import { Outcome } from "../findings/outcome";
import { Cell, cellText, isBlank, SheetData } from "../read/cells";
import { headerScore } from "../returns/headers";
import { FieldDef } from "../returns/returnKinds";
import { normaliseName } from "../read/text";
import { gridOf } from "../read/grid";
import { failed } from "../findings/outcome";

export interface Ward {
  name: string;
  code?: string;
}

export type AreaType = "lsoa" | "village";

/** One row of a lookup: a small area (LSOA or village) and the ward (and district) it lies in. */
export interface LookupEntry {
  area: string;
  areaName?: string;
  ward: string;
  wardCode?: string;
  district?: string;
  districtCode?: string;
}

/** The boundary years a lookup's headers name (LSOA11CD, WD24CD, LAD24NM...), as four-digit years. */
export interface Vintage {
  lsoa?: number;
  ward?: number;
  district?: number;
}

/** A lookup from small areas (LSOAs or villages) to wards. */
export interface Lookup {
  source: string;
  areaType: AreaType;
  entries: LookupEntry[];
  vintage: Vintage;
}

/** How an LSOA of one census relates to the next: U unchanged, S split, M merged, X redrawn. */
export interface LsoaLink {
  from: string;
  to: string;
  change: string;
}

/** The ONS "LSOA (2011) to LSOA (2021)" lookup, used to chain returns of one vintage to wards of the other. */
export interface LsoaChanges {
  source: string;
  fromYear: number;
  toYear: number;
  links: LsoaLink[];
}

export type AnyLookup = Lookup | LsoaChanges;

export function isLsoaChanges(l: AnyLookup): l is LsoaChanges {
  return "links" in l;
}

const LSOA_CODE = /^[EW]01\d{6}$/;

export function isLsoaCode(text: string): boolean {
  return LSOA_CODE.test(text.trim().toUpperCase());
}

/**
 * The last LSOA codes of the 2011 census; every higher code was created in 2021. Codes of 2011
 * LSOAs that were split, merged or redrawn in 2021 were retired, so a code can belong to one
 * vintage only, or to both when the LSOA did not change.
 */
const LAST_2011_CODE = { E: 33768, W: 1958 } as const;

/** Codes well past the last ones issued in 2021: no census has them, so they are mistakes, not another vintage. */
const PAST_2021_CODES = { E: 40000, W: 3000 } as const;

export function isNew2021LsoaCode(code: string): boolean {
  const c = code.trim().toUpperCase();
  if (!isLsoaCode(c)) return false;
  const n = Number(c.slice(3));
  const country = c[0] as "E" | "W";
  return n > LAST_2011_CODE[country] && n < PAST_2021_CODES[country];
}

/** A vintage in words, for messages: "LSOA 2021 to wards 2024". */
export function describeVintage(v: Vintage, areaType: AreaType = "lsoa"): string {
  const area = areaType === "village" ? "villages" : `LSOA${v.lsoa ? ` ${v.lsoa}` : ""}`;
  return `${area} to wards${v.ward ? ` ${v.ward}` : ""}`;
}

const lookupField = (id: string, synonyms: string[], keywords: string[][], notKeywords: string[] = []): FieldDef => ({
  id,
  header: id,
  type: "text",
  synonyms,
  keywords,
  notKeywords,
  description: "",
  example: "",
});

/** Headers of a plain lookup sheet (area, ward) written by hand, when the ONS code pattern is absent. */
const LOOKUP_FIELDS: FieldDef[] = [
  lookupField(
    "area",
    ["lsoa code", "lsoa", "area", "village", "parish", "area code", "village name", "parish name", "settlement"],
    [["lsoa", "code"], ["village"], ["parish"]],
    ["name"],
  ),
  lookupField("areaName", ["lsoa name"], [["lsoa", "name"]]),
  lookupField("wardCode", ["ward code"], [["ward", "code"]]),
  lookupField("ward", ["ward", "ward name", "electoral ward"], [["ward", "name"], ["ward"]], ["code"]),
  lookupField(
    "districtCode",
    ["lad code", "district code"],
    [
      ["district", "code"],
      ["lad", "code"],
    ],
  ),
  lookupField(
    "district",
    ["district", "lad name", "local authority", "district name"],
    [["district", "name"], ["district"], ["local", "authority"]],
    ["code"],
  ),
];

type OnsRole = "lsoaCode" | "lsoaName" | "wardCode" | "wardName" | "districtCode" | "districtName" | "change";

/**
 * ONS lookups name columns by geography, two-digit year and CD/NM (LSOA21CD, WD25NM, LAD24CD),
 * with Welsh names (NMW), FID or ObjectId beside them, in any order. The pattern, not a list of
 * known years, decides what each column is.
 */
function onsColumn(header: string): { role: OnsRole; year?: number } | undefined {
  const h = header
    .trim()
    .toLowerCase()
    .replace(/^\ufeff/, "");
  if (h === "chgind" || h === "change indicator") return { role: "change" };
  const m = /^(?:f_)?(lsoa|wd|ward|lad|ltla|lau|ua|cmlad)(\d{2})(cd|nm)$/.exec(h);
  if (!m) return undefined;
  const year = 2000 + Number(m[2]);
  const what = m[1] === "lsoa" ? "lsoa" : m[1] === "wd" || m[1] === "ward" ? "ward" : "district";
  const role = `${what}${m[3] === "cd" ? "Code" : "Name"}` as OnsRole;
  return { role, year };
}

export type LookupRead = Outcome<{ lookup: AnyLookup }>;

function readOnsLookup(sheet: SheetData, firstRow: number, header: string[]): LookupRead | undefined {
  const cols = header.map(onsColumn);
  const lsoaCodes = cols.flatMap((c, i) => (c?.role === "lsoaCode" ? [{ i, year: c.year! }] : []));
  const first = (role: OnsRole) => cols.findIndex((c) => c?.role === role);
  const yearOf = (role: OnsRole) => cols.find((c) => c?.role === role)?.year;
  const rows = gridOf(sheet);
  const text = (r: number, c: number) => (c >= 0 ? cellText(rows.cell(r, c)) : "");
  if (lsoaCodes.length >= 2) {
    const [a, b] = [...lsoaCodes].sort((x, y) => x.year - y.year);
    if (a.year === b.year) return undefined;
    const change = first("change");
    const links: LsoaLink[] = [];
    for (let r = firstRow + 1; r < rows.length; r++) {
      const from = text(r, a.i).toUpperCase();
      const to = text(r, b.i).toUpperCase();
      if (!isLsoaCode(from) || !isLsoaCode(to)) continue;
      links.push({ from, to, change: text(r, change).toUpperCase() });
    }
    if (!links.length)
      return failed("empty-lookup", {
        file: sheet.file,
        sheet: "",
        needs: `names LSOA ${a.year} and ${b.year} columns but has no rows of codes`,
      });
    return { ok: true, lookup: { source: sheet.file, fromYear: a.year, toYear: b.year, links } };
  }
  const ward = first("wardName") >= 0 ? first("wardName") : first("wardCode");
  if (lsoaCodes.length !== 1 || ward < 0) return undefined;
  const area = lsoaCodes[0].i;
  const entries: LookupEntry[] = [];
  const opt = (r: number, role: OnsRole) => text(r, first(role)) || undefined;
  for (let r = firstRow + 1; r < rows.length; r++) {
    const code = text(r, area);
    const w = text(r, ward);
    if (!code || !w) continue;
    entries.push({
      area: code,
      areaName: opt(r, "lsoaName"),
      ward: w,
      wardCode: opt(r, "wardCode"),
      district: opt(r, "districtName"),
      districtCode: opt(r, "districtCode"),
    });
  }
  if (!entries.length)
    return failed("empty-lookup", { file: sheet.file, sheet: sheet.sheet, needs: "has no rows with both an LSOA and a ward" });
  return {
    ok: true,
    lookup: {
      source: sheet.file,
      areaType: "lsoa",
      entries,
      vintage: {
        lsoa: lsoaCodes[0].year,
        ward: yearOf("wardCode") ?? yearOf("wardName"),
        district: yearOf("districtCode") ?? yearOf("districtName"),
      },
    },
  };
}

/** The year a plain header names, e.g. "LSOA code (2021)" gives 2021. */
function yearInHeader(header: string): number | undefined {
  const m = /\b(20\d\d)\b/.exec(header);
  return m ? Number(m[1]) : undefined;
}

/**
 * Reads a lookup sheet as it comes: an ONS lookup of any vintage (LSOA 2011 or 2021 to wards of
 * any year, or the LSOA 2011 to LSOA 2021 change lookup), or a plain two-column sheet (area,
 * ward) with or without headers.
 */
export function readLookup(sheet: SheetData): LookupRead {
  const read = readLookupRows(sheet);
  if (!read.ok || isLsoaChanges(read.lookup)) return read;
  const twice = areasInTwoWards(read.lookup);
  if (!twice.length) return read;
  const what = read.lookup.areaType === "lsoa" ? "LSOA" : "village";
  return failed("area-in-two-wards", {
    file: sheet.file,
    sheet: sheet.sheet,
    what,
    count: twice.length,
    examples: twice.slice(0, 3).map((t) => `${t.area}: ${t.wards.join(" and ")}`),
  });
}

/** Areas a lookup lists in more than one ward: each would silently take the last one. */
function areasInTwoWards(lookup: Lookup): { area: string; wards: string[] }[] {
  const wardOf = new Map<string, string>();
  const twice = new Map<string, { area: string; wards: string[] }>();
  for (const e of lookup.entries) {
    const key = areaKey(lookup.areaType, e.area);
    const first = wardOf.get(key);
    if (first === undefined) wardOf.set(key, e.ward);
    else if (normaliseName(first) !== normaliseName(e.ward)) {
      const t = twice.get(key) ?? { area: e.area, wards: [first] };
      if (!t.wards.some((w) => normaliseName(w) === normaliseName(e.ward))) t.wards.push(e.ward);
      twice.set(key, t);
    }
  }
  return [...twice.values()];
}

/**
 * Lookups of different vintages given for one role (two LSOA-to-ward lookups of different ward
 * years): merged, they would make a ward list of neither year.
 */
export function lookupVintageClash(lookups: readonly AnyLookup[]): string | undefined {
  const lsoa = lookups.filter((l): l is Lookup => !isLsoaChanges(l) && l.areaType === "lsoa");
  const seen = new Map<string, string>();
  for (const l of lsoa) seen.set(`${l.vintage.lsoa ?? "?"}/${l.vintage.ward ?? "?"}`, l.source);
  if (seen.size < 2) return undefined;
  return [...seen.entries()]
    .map(([, source]) => {
      const l = lsoa.find((x) => x.source === source)!;
      return `${source} (${describeVintage(l.vintage)})`;
    })
    .join(" and ");
}

function readLookupRows(sheet: SheetData): LookupRead {
  const rows = gridOf(sheet);
  let firstRow = 0;
  while (firstRow < rows.length && !rows.row(firstRow).some((c) => !isBlank(c))) firstRow++;
  if (firstRow === rows.length) firstRow = -1;
  if (firstRow < 0) return failed("empty-lookup", { file: sheet.file, sheet: sheet.sheet, needs: "is empty" });
  const header = rows.row(firstRow).map(cellText);
  const ons = readOnsLookup(sheet, firstRow, header);
  if (ons) return ons;
  const cols = new Map<string, number>();

  for (const f of LOOKUP_FIELDS) {
    let best = -1;
    let bestScore = 0;
    header.forEach((h, i) => {
      if ([...cols.values()].includes(i)) return;
      const s = headerScore(f, h);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    });
    if (best >= 0) cols.set(f.id, best);
  }
  let dataStart = firstRow + 1;
  if (!cols.has("area") || !cols.has("ward")) {
    const width = header.filter((h) => h).length;
    if (width !== 2) {
      return failed("not-a-lookup", { file: sheet.file, sheet: sheet.sheet, header: header.filter((h) => h) });
    }
    cols.clear();
    cols.set(
      "area",
      header.findIndex((h) => h),
    );
    cols.set(
      "ward",
      header.findIndex((h, i) => h && i > cols.get("area")!),
    );
    // A two-column sheet may have no header row at all: then its first row is data.
    const looksLikeHeader = /ward|area|lsoa|village|parish/i.test(header.join(" "));
    if (!looksLikeHeader) dataStart = firstRow;
  }
  const entries: LookupEntry[] = [];
  let lsoaLike = 0;
  const get = (row: readonly Cell[], id: string) => {
    const c = cols.get(id);
    return c === undefined ? undefined : cellText(row[c]) || undefined;
  };
  for (let r = dataStart; r < rows.length; r++) {
    const row = rows.row(r);
    const area = get(row, "area");
    const ward = get(row, "ward");
    if (!area || !ward) continue;
    if (isLsoaCode(area)) lsoaLike++;
    entries.push({
      area,
      areaName: get(row, "areaName"),
      ward,
      wardCode: get(row, "wardCode"),
      district: get(row, "district"),
      districtCode: get(row, "districtCode"),
    });
  }
  if (entries.length === 0)
    return failed("empty-lookup", { file: sheet.file, sheet: sheet.sheet, needs: "has no rows with both an area and a ward" });
  const areaType: AreaType = lsoaLike > entries.length / 2 ? "lsoa" : "village";
  const areaHeader = header[cols.get("area")!] ?? "";
  const wardHeader = header[cols.get("ward")!] ?? "";
  const vintage: Vintage =
    areaType === "lsoa" ? { lsoa: yearInHeader(areaHeader), ward: yearInHeader(wardHeader) } : { ward: yearInHeader(wardHeader) };
  return { ok: true, lookup: { source: sheet.file, areaType, entries, vintage } };
}

/** The districts the lookups cover, with their codes and wards, in name order. */
export function districtsInLookups(lookups: readonly AnyLookup[]): { name: string; code?: string; wards: Ward[] }[] {
  const byKey = new Map<string, { name: string; code?: string; wards: Map<string, Ward> }>();
  for (const l of lookups) {
    if (isLsoaChanges(l)) continue;
    for (const e of l.entries) {
      if (!e.district && !e.districtCode) continue;
      const key = normaliseName(e.districtCode ?? e.district!);
      let d = byKey.get(key);
      if (!d) byKey.set(key, (d = { name: e.district ?? e.districtCode!, code: e.districtCode, wards: new Map() }));
      const wk = normaliseName(e.ward);
      if (!d.wards.has(wk)) d.wards.set(wk, { name: e.ward, code: e.wardCode });
    }
  }
  return [...byKey.values()]
    .map((d) => ({ name: d.name, code: d.code, wards: [...d.wards.values()].sort((a, b) => a.name.localeCompare(b.name, "en-GB")) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

/** The key an area is found by: an LSOA code in capitals, a village or parish name normalised. */
export function areaKey(type: AreaType, text: string): string {
  return type === "lsoa" ? text.trim().toUpperCase() : normaliseName(text);
}
