import { cellText, isBlank, SheetData } from "./cells";
import { headerScore } from "./headers";
import { FieldDef } from "./returnKinds";
import { nearestNames, normaliseName } from "./text";

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

export interface Lookup {
  source: string;
  areaType: AreaType;
  entries: LookupEntry[];
}

const LSOA_CODE = /^[EW]01\d{6}$/;

export function isLsoaCode(text: string): boolean {
  return LSOA_CODE.test(text.trim().toUpperCase());
}

const lookupField = (id: string, synonyms: string[], keywords: string[][], notKeywords: string[] = []): FieldDef => ({
  id, header: id, type: "text", synonyms, keywords, notKeywords, description: "", example: "",
});

/** Headers of a lookup sheet: the official ONS LSOA-to-ward file, or any area/ward sheet. */
const LOOKUP_FIELDS: FieldDef[] = [
  lookupField("area", ["lsoa11cd", "lsoa code", "lsoa", "area", "village", "parish", "area code", "village name", "parish name", "settlement", "lsoa code 2011"],
    [["lsoa", "code"], ["village"], ["parish"]], ["name"]),
  lookupField("areaName", ["lsoa11nm", "lsoa name", "lsoa name 2011"], [["lsoa", "name"]]),
  lookupField("wardCode", ["wd19cd", "ward code", "wd20cd", "wd21cd", "wd22cd", "wd23cd"], [["ward", "code"]]),
  lookupField("ward", ["wd19nm", "ward", "ward name", "wd20nm", "wd21nm", "wd22nm", "wd23nm", "electoral ward"], [["ward", "name"], ["ward"]], ["code"]),
  lookupField("districtCode", ["lad19cd", "lad code", "district code", "lad20cd", "lad21cd", "lad22cd", "lad23cd"], [["district", "code"], ["lad", "code"]]),
  lookupField("district", ["lad19nm", "district", "lad name", "local authority", "district name", "lad20nm", "lad21nm", "lad22nm", "lad23nm"],
    [["district", "name"], ["district"], ["local", "authority"]], ["code"]),
];

export type LookupRead = { ok: true; lookup: Lookup } | { ok: false; message: string; fix: string };

/**
 * Reads a lookup sheet as it comes: the ONS "LSOA (2011) to Ward (2019)" CSV with its
 * FID,LSOA11CD,...,LAD19NM header, or a plain two-column sheet (area, ward) with or without headers.
 */
export function readLookup(sheet: SheetData): LookupRead {
  const rows = sheet.rows;
  const firstRow = rows.findIndex((r) => r && r.some((c) => !isBlank(c)));
  if (firstRow < 0) return { ok: false, message: `${sheet.file} (${sheet.sheet}) is empty.`, fix: "Give a lookup with an area column and a ward column." };
  const header = rows[firstRow].map(cellText);
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
      return {
        ok: false,
        message: `${sheet.file} (${sheet.sheet}) is not a lookup: its first row (${header.filter((h) => h).join(", ")}) names no area column and ward column.`,
        fix: "Use the ONS LSOA-to-ward file as published, or a sheet with two columns: area (LSOA code or village) and ward.",
      };
    }
    cols.clear();
    cols.set("area", header.findIndex((h) => h));
    cols.set("ward", header.findIndex((h, i) => h && i > cols.get("area")!));
    // A two-column sheet may have no header row at all: then its first row is data.
    const looksLikeHeader = /ward|area|lsoa|village|parish/i.test(header.join(" "));
    if (!looksLikeHeader) dataStart = firstRow;
  }
  const entries: LookupEntry[] = [];
  let lsoaLike = 0;
  const get = (row: SheetData["rows"][number], id: string) => {
    const c = cols.get(id);
    return c === undefined ? undefined : cellText(row[c]) || undefined;
  };
  for (let r = dataStart; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
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
  if (entries.length === 0) return { ok: false, message: `${sheet.file} (${sheet.sheet}) has no rows with both an area and a ward.`, fix: "Fill both columns." };
  const areaType: AreaType = lsoaLike > entries.length / 2 ? "lsoa" : "village";
  return { ok: true, lookup: { source: `${sheet.file}`, areaType, entries } };
}

export type AreaResolution =
  | { status: "ward"; ward: Ward }
  | { status: "other-district"; ward: string; district: string }
  | { status: "unknown" };

export interface GeographyOptions {
  district: string;
  lookups?: readonly Lookup[];
  /** The district's wards when known up front (criteria file); else from the lookups; else from the returns. */
  wards?: readonly Ward[];
  /** Extra spellings: alias -> ward name ("Melbourne" -> "Melbourn"). */
  aliases?: Record<string, string>;
  /** Ward names seen in the returns, used only when no other source lists the wards. */
  wardsFromReturns?: readonly string[];
}

/** A district's wards and the lookups that bring small areas into them. */
export class Geography {
  readonly district: string;
  readonly wards: Ward[];
  readonly wardSource: "criteria" | "lookup" | "returns";
  private readonly wardByKey = new Map<string, Ward>();
  private readonly areas: Record<AreaType, Map<string, LookupEntry>> = { lsoa: new Map(), village: new Map() };
  private readonly districtKey: string;

  constructor(options: GeographyOptions) {
    this.district = options.district;
    this.districtKey = normaliseName(options.district);
    const lookups = options.lookups ?? [];
    for (const lookup of lookups) {
      const map = this.areas[lookup.areaType];
      for (const e of lookup.entries) map.set(areaKey(lookup.areaType, e.area), e);
    }
    const inDistrict = (e: LookupEntry) =>
      (!e.district && !e.districtCode) || this.isDistrict(e.district) || this.isDistrict(e.districtCode);
    const fromLookups = new Map<string, Ward>();
    for (const lookup of lookups) {
      for (const e of lookup.entries) {
        if (!inDistrict(e)) continue;
        const key = normaliseName(e.ward);
        if (!fromLookups.has(key)) fromLookups.set(key, { name: e.ward, code: e.wardCode });
      }
    }
    let wards: Ward[];
    if (options.wards && options.wards.length) {
      wards = options.wards.map((w) => ({ ...w, code: w.code ?? fromLookups.get(normaliseName(w.name))?.code }));
      this.wardSource = "criteria";
    } else if (fromLookups.size) {
      wards = [...fromLookups.values()];
      this.wardSource = "lookup";
    } else {
      const seen = new Map<string, Ward>();
      for (const name of options.wardsFromReturns ?? []) {
        const key = normaliseName(name);
        if (key && !seen.has(key)) seen.set(key, { name: name.trim() });
      }
      wards = [...seen.values()];
      this.wardSource = "returns";
    }
    this.wards = wards.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
    for (const w of this.wards) {
      this.wardByKey.set(normaliseName(w.name), w);
      if (w.code) this.wardByKey.set(normaliseName(w.code), w);
    }
    for (const [alias, name] of Object.entries(options.aliases ?? {})) {
      const w = this.wardByKey.get(normaliseName(name));
      if (w) this.wardByKey.set(normaliseName(alias), w);
    }
  }

  isDistrict(nameOrCode: string | undefined): boolean {
    return !!nameOrCode && normaliseName(nameOrCode) === this.districtKey;
  }

  hasLookup(type: AreaType): boolean {
    return this.areas[type].size > 0;
  }

  private readonly resolved = new Map<string, Ward | null>();

  /** A ward of this district by name or code, after normalising; never a guess. */
  resolveWard(text: string): Ward | undefined {
    let w = this.resolved.get(text);
    if (w === undefined) {
      w = this.wardByKey.get(normaliseName(text)) ?? null;
      // Returns repeat a few dozen ward spellings on many rows; remember each one.
      if (this.resolved.size < 100_000) this.resolved.set(text, w);
    }
    return w ?? undefined;
  }

  /** A small area through the lookups: its ward here, a ward of another district, or unknown. */
  resolveArea(type: AreaType, text: string): AreaResolution {
    const entry = this.areas[type].get(areaKey(type, text));
    if (!entry) return { status: "unknown" };
    const ward = this.resolveWard(entry.ward) ?? (entry.wardCode ? this.resolveWard(entry.wardCode) : undefined);
    const elsewhere = (entry.district || entry.districtCode) && !this.isDistrict(entry.district) && !this.isDistrict(entry.districtCode);
    if (ward && !elsewhere) return { status: "ward", ward };
    return { status: "other-district", ward: entry.ward, district: entry.district ?? entry.districtCode ?? "another district" };
  }

  nearestWards(text: string, limit = 3): string[] {
    return nearestNames(text, this.wards.map((w) => w.name), limit);
  }

  /** The district's small areas of a type, from the lookups, with their wards. */
  areasOf(type: AreaType): { area: string; ward: Ward }[] {
    const out: { area: string; ward: Ward }[] = [];
    for (const e of this.areas[type].values()) {
      const r = this.resolveArea(type, e.area);
      if (r.status === "ward") out.push({ area: e.area, ward: r.ward });
    }
    return out;
  }
}

export function areaKey(type: AreaType, text: string): string {
  return type === "lsoa" ? text.trim().toUpperCase() : normaliseName(text);
}
