/*
 * Placing: a district's wards from its lookups, and each area (an LSOA, a village, a ward name) resolved
 * to its ward, or said why not.
 */
import { fileNameOf, nearestNames, normaliseName } from "../read/text";
import {
  AnyLookup,
  areaKey,
  AreaType,
  Lookup,
  LookupEntry,
  Vintage,
  Ward,
  describeVintage,
  isLsoaChanges,
  isLsoaCode,
  isNew2021LsoaCode,
} from "./lookups";

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

  /**
   * The LSOA lookup in words, for the output: "LSOA 2021 to wards 2024 (file), LSOA 2011 codes
   * chained through (file)". Files by their name only: a table shared with partners never shows a
   * folder of the analyst's machine.
   */
  describeLsoaLookup(): string | undefined {
    if (!this.lsoaVintage) return undefined;
    const chain = this.changes ? `; LSOA ${this.changes.fromYear} codes placed through ${fileNameOf(this.changes.source)}` : "";
    return `${describeVintage(this.lsoaVintage)} (${this.lsoaSources.map(fileNameOf).join(", ")})${chain}`;
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
