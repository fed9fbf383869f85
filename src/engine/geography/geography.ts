import { Outcome } from "../findings/outcome";
import { Cell, cellText, isBlank, SheetData } from "../read/cells";
import { headerScore } from "../returns/headers";
import { FieldDef } from "../returns/returnKinds";
import { listNames, nearestNames, normaliseName, plural } from "../read/text";

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
  const rows = sheet.rows;
  const text = (r: number, c: number) => (c >= 0 ? cellText(rows[r]?.[c]) : "");
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
      return {
        ok: false,
        message: `${sheet.file} names LSOA ${a.year} and ${b.year} columns but has no rows of codes.`,
        fix: "Download the lookup again from the ONS Open Geography Portal.",
      };
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
    return {
      ok: false,
      message: `${sheet.file} (${sheet.sheet}) has no rows with both an LSOA and a ward.`,
      fix: "Download the lookup again from the ONS Open Geography Portal.",
    };
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
  return {
    ok: false,
    message: `${sheet.file} (${sheet.sheet}) lists ${plural(twice.length, what)} in two wards (${listNames(
      twice.map((t) => `${t.area}: ${t.wards.join(" and ")}`),
      3,
    )}), so it cannot say which ward ${twice.length === 1 ? "its" : "their"} rows belong to.`,
    fix: `Keep one ward for each ${what} (the ONS best-fit lookup lists each LSOA once), or give rows of such areas a Ward column in the returns.`,
  };
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
  const rows = sheet.rows;
  const firstRow = rows.findIndex((r) => r && r.some((c) => !isBlank(c)));
  if (firstRow < 0)
    return { ok: false, message: `${sheet.file} (${sheet.sheet}) is empty.`, fix: "Give a lookup with an area column and a ward column." };
  const header = (rows[firstRow] ?? []).map(cellText);
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
      return {
        ok: false,
        message: `${sheet.file} (${sheet.sheet}) is not a lookup: its first row (${header.filter((h) => h).join(", ")}) names no area column and ward column.`,
        fix: "Use the ONS LSOA-to-ward file as published, or a sheet with two columns: area (LSOA code or village) and ward.",
      };
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
  if (entries.length === 0)
    return { ok: false, message: `${sheet.file} (${sheet.sheet}) has no rows with both an area and a ward.`, fix: "Fill both columns." };
  const areaType: AreaType = lsoaLike > entries.length / 2 ? "lsoa" : "village";
  const areaHeader = header[cols.get("area")!] ?? "";
  const wardHeader = header[cols.get("ward")!] ?? "";
  const vintage: Vintage =
    areaType === "lsoa" ? { lsoa: yearInHeader(areaHeader), ward: yearInHeader(wardHeader) } : { ward: yearInHeader(wardHeader) };
  return { ok: true, lookup: { source: sheet.file, areaType, entries, vintage } };
}

export type AreaResolution =
  | { status: "ward"; ward: Ward; /** "2011 to 2021" when the area was placed through the LSOA change lookup. */ via?: string }
  | { status: "other-district"; ward: string; district: string }
  /** An LSOA whose successors (or predecessors) lie in more than one ward: never guessed. */
  | { status: "split"; wards: string[]; via: string }
  | { status: "unknown" };

export interface GeographyOptions {
  district: string;
  lookups?: readonly AnyLookup[];
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
  /** The district's code, when a lookup gives it (E07000012). */
  readonly districtCode?: string;
  /** The boundaries of the LSOA lookup in use, when one was given. */
  readonly lsoaVintage?: Vintage;
  /** The lookup files behind the LSOA placing, for the output. */
  readonly lsoaSources: string[] = [];
  readonly changes?: { fromYear: number; toYear: number; source: string };
  private readonly wardByKey = new Map<string, Ward>();
  private readonly areas: Record<AreaType, Map<string, LookupEntry>> = { lsoa: new Map(), village: new Map() };
  /** Other-vintage LSOA code -> the lookup-vintage codes it became (or came from). */
  private readonly successors = new Map<string, string[]>();
  private readonly districtKey: string;
  /** Ward names and codes of the lookups' other districts -> those districts, for county-wide returns. */
  private readonly wardsElsewhere = new Map<string, string[]>();

  constructor(options: GeographyOptions) {
    this.district = options.district;
    this.districtKey = normaliseName(options.district);
    const all = options.lookups ?? [];
    const lookups = all.filter((l): l is Lookup => !isLsoaChanges(l));
    for (const lookup of lookups) {
      const map = this.areas[lookup.areaType];
      for (const e of lookup.entries) map.set(areaKey(lookup.areaType, e.area), e);
      if (lookup.areaType === "lsoa") {
        this.lsoaVintage ??= lookup.vintage;
        this.lsoaSources.push(lookup.source);
      }
    }
    const changes = all.find(isLsoaChanges);
    const lookupYear = this.lsoaVintage?.lsoa;
    if (changes && lookupYear && (lookupYear === changes.fromYear || lookupYear === changes.toYear)) {
      // Each code of the returns' vintage points at the lookup's codes it overlaps.
      const forward = lookupYear === changes.toYear;
      for (const link of changes.links) {
        const [theirs, ours] = forward ? [link.from, link.to] : [link.to, link.from];
        const list = this.successors.get(theirs);
        if (list) {
          if (!list.includes(ours)) list.push(ours);
        } else this.successors.set(theirs, [ours]);
      }
      this.changes = forward
        ? { fromYear: changes.fromYear, toYear: changes.toYear, source: changes.source }
        : { fromYear: changes.toYear, toYear: changes.fromYear, source: changes.source };
    }
    const inDistrict = (e: LookupEntry) =>
      (!e.district && !e.districtCode) || this.isDistrict(e.district) || this.isDistrict(e.districtCode);
    const fromLookups = new Map<string, Ward>();
    for (const lookup of lookups) {
      for (const e of lookup.entries) {
        if (!inDistrict(e)) {
          this.noteWardElsewhere(e);
          continue;
        }
        this.districtCode ??= e.districtCode;
        if (e.district && this.isDistrict(e.districtCode) && !this.isDistrict(e.district)) this.district = e.district;
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

  private noteWardElsewhere(e: LookupEntry): void {
    const district = e.district ?? e.districtCode;
    if (!district) return;
    for (const key of [e.ward, e.wardCode]) {
      if (!key) continue;
      const k = normaliseName(key);
      const list = this.wardsElsewhere.get(k);
      if (!list) this.wardsElsewhere.set(k, [district]);
      else if (!list.includes(district)) list.push(district);
    }
  }

  /** The other districts of the lookups with a ward of this name or code (none without a national lookup). */
  districtsWithWard(text: string): readonly string[] {
    if (!this.wardsElsewhere.size) return [];
    let found = this.elsewhereAnswers.get(text);
    if (!found) {
      found = this.wardsElsewhere.get(normaliseName(text)) ?? [];
      if (this.elsewhereAnswers.size < 100_000) this.elsewhereAnswers.set(text, found);
    }
    return found;
  }

  private readonly elsewhereAnswers = new Map<string, readonly string[]>();

  private readonly districtAnswers = new Map<string, boolean>();

  isDistrict(nameOrCode: string | undefined): boolean {
    if (!nameOrCode) return false;
    let answer = this.districtAnswers.get(nameOrCode);
    if (answer === undefined) {
      const key = normaliseName(nameOrCode);
      answer = key === this.districtKey || (!!this.districtCode && key === normaliseName(this.districtCode));
      // A national file names a few hundred districts on every row; each is normalised once.
      if (this.districtAnswers.size < 10_000) this.districtAnswers.set(nameOrCode, answer);
    }
    return answer;
  }

  /** The LSOA lookup in words, for the output: "LSOA 2021 to wards 2024 (file), LSOA 2011 codes chained through (file)". */
  describeLsoaLookup(): string | undefined {
    if (!this.lsoaVintage) return undefined;
    const chain = this.changes ? `; LSOA ${this.changes.fromYear} codes placed through ${this.changes.source}` : "";
    return `${describeVintage(this.lsoaVintage)} (${this.lsoaSources.join(", ")})${chain}`;
  }

  /**
   * For an LSOA code the lookup does not hold: the census vintage it evidently belongs to when
   * that differs from the lookup's (codes above the last 2011 code are 2021's; with a 2021
   * lookup, an unknown code in the 2011 range was retired in 2021).
   */
  otherVintageOf(code: string): number | undefined {
    const year = this.lsoaVintage?.lsoa;
    if (!year || !isLsoaCode(code) || this.areas.lsoa.has(areaKey("lsoa", code))) return undefined;
    const isNew = isNew2021LsoaCode(code);
    if (year < 2021 && isNew) return 2021;
    if (year >= 2021 && !isNew) return 2011;
    return undefined;
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
  private readonly areaAnswers: Record<AreaType, Map<string, AreaResolution>> = { lsoa: new Map(), village: new Map() };

  resolveArea(type: AreaType, text: string): AreaResolution {
    const answers = this.areaAnswers[type];
    let answer = answers.get(text);
    if (answer === undefined) {
      const entry = this.areas[type].get(areaKey(type, text));
      answer = !entry ? (type === "lsoa" ? this.resolveThroughChanges(text) : { status: "unknown" }) : this.resolveEntry(entry);
      // Returns name the same few thousand areas on every row: each is looked up once.
      if (answers.size < 200_000) answers.set(text, answer);
    }
    return answer;
  }

  private resolveThroughChanges(code: string): AreaResolution {
    const ours = this.successors.get(areaKey("lsoa", code));
    if (!ours || !this.changes) return { status: "unknown" };
    const via = `${this.changes.fromYear} to ${this.changes.toYear}`;
    const places = ours
      .map((c) => this.areas.lsoa.get(c))
      .filter((e): e is LookupEntry => !!e)
      .map((e) => this.resolveEntry(e));
    if (!places.length) return { status: "unknown" };
    // An area wholly in other districts is simply elsewhere, however it was split there.
    if (places.every((p) => p.status === "other-district")) return places[0];
    const wards = [
      ...new Set(
        places.map((p) => (p.status === "ward" ? p.ward.name : p.status === "other-district" ? `${p.ward} (${p.district})` : "?")),
      ),
    ];
    if (wards.length > 1) return { status: "split", wards, via };
    const p = places[0];
    return p.status === "ward" ? { ...p, via } : p;
  }

  private resolveEntry(entry: LookupEntry): AreaResolution {
    const ward = this.resolveWard(entry.ward) ?? (entry.wardCode ? this.resolveWard(entry.wardCode) : undefined);
    const elsewhere = (entry.district || entry.districtCode) && !this.isDistrict(entry.district) && !this.isDistrict(entry.districtCode);
    if (ward && !elsewhere) return { status: "ward", ward };
    return { status: "other-district", ward: entry.ward, district: entry.district ?? entry.districtCode ?? "another district" };
  }

  nearestWards(text: string, limit = 3): string[] {
    return nearestNames(
      text,
      this.wards.map((w) => w.name),
      limit,
    );
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

export function areaKey(type: AreaType, text: string): string {
  return type === "lsoa" ? text.trim().toUpperCase() : normaliseName(text);
}
