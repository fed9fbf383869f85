/*
 * Placing a return's records in the district's wards: by ward, LSOA, village or parish, and what cannot be placed said with its rows.
 */
import { cellAt, rowsAt } from "../findings/findings";
import { Geography } from "../geography/geography";
import { FieldRoles, fieldRoles } from "./returnKinds";
import { listNames } from "../read/text";
import { FindingSink, ParsedReturn } from "./returnTypes";

/** The rows of one return that fall outside the district, summed into one finding. */
class OtherDistrictRows {
  count = 0;
  private first = -1;
  private readonly names = new Set<string>();

  add(row: number, area: string): void {
    this.count++;
    this.names.add(area);
    if (this.first < 0) this.first = row;
  }

  finding(sink: FindingSink, ret: ParsedReturn, district: string): void {
    if (!this.count) return;
    const n = this.count;
    const national = !!ret.kind.spansDistricts;
    const areas = listNames([...this.names], 4);
    sink.add(
      "other-district",
      rowsAt(this.first),
      { count: n, areas, district, first: this.first + 1, national },
      { severity: national ? "info" : "warning" },
    );
  }
}

const OTHER_DISTRICT = Symbol("other district");

/** A record's small area (LSOA or village), which a lookup places in a ward. */
interface SmallArea {
  type: "lsoa" | "village";
  text: string;
  col: number;
}

/** Places records one by one, reporting what it cannot place. */
class Placer {
  private readonly roles: FieldRoles;
  private readonly districtI: number;
  readonly other = new OtherDistrictRows();
  private readonly lsoaCol: number;
  private readonly villageCol: number;

  constructor(
    private readonly sink: FindingSink,
    private readonly ret: ParsedReturn,
    private readonly geography: Geography,
  ) {
    this.roles = fieldRoles(ret.kind);
    this.districtI = ret.kind.fields.findIndex((f) => f.id === "district");
    this.lsoaCol = this.col(this.roles.lsoa);
    this.villageCol = this.col(this.roles.village);
    this.countyWide = this.spansDistricts();
  }

  /**
   * Whether the return holds rows of other districts by ward name (a fire service's county-wide
   * list): in such a return a ward name that other districts also have cannot be placed by name alone.
   */
  private readonly countyWide: boolean;

  private spansDistricts(): boolean {
    if (this.roles.ward < 0 || (this.districtI >= 0 && this.ret.columns.has("district"))) return false;
    const records = this.ret.records;
    for (let i = 0; i < records.length; i++) {
      const w = records.text(i, this.roles.ward);
      if (w && !this.geography.resolveWard(w) && this.geography.districtsWithWard(w).length) return true;
    }
    return false;
  }

  private col(i: number): number {
    return i >= 0 ? (this.ret.columns.get(this.ret.kind.fields[i].id) ?? -1) : -1;
  }

  private text(rec: number, i: number): string | undefined {
    return i >= 0 ? this.ret.records.text(rec, i) : undefined;
  }

  /** The record's ward, OTHER_DISTRICT for another district's row, or undefined when it cannot be placed. */
  place(rec: number): string | typeof OTHER_DISTRICT | undefined {
    const geography = this.geography;
    const row = this.ret.records.row(rec);
    const districtText = this.text(rec, this.districtI);
    if (districtText && !geography.isDistrict(districtText)) {
      this.other.add(row, districtText);
      return OTHER_DISTRICT;
    }
    const wardText = this.text(rec, this.roles.ward);
    const byName = wardText ? geography.resolveWard(wardText) : undefined;
    const lsoa = this.text(rec, this.roles.lsoa);
    const village = this.text(rec, this.roles.village);
    const small: SmallArea | undefined = lsoa
      ? { type: "lsoa", text: lsoa, col: this.lsoaCol }
      : village
        ? { type: "village", text: village, col: this.villageCol }
        : undefined;
    if (small && geography.hasLookup(small.type)) return this.placeByLookup(row, small, wardText, byName?.name);
    if (byName && (!this.countyWide || districtText)) return byName.name;
    const elsewhere = wardText ? geography.districtsWithWard(wardText) : [];
    if (byName) {
      if (!elsewhere.length) return byName.name;
      this.sink.add("ambiguous-ward", cellAt(row, this.col(this.roles.ward)), {
        ward: wardText!,
        row: row + 1,
        district: geography.district,
        others: [...elsewhere],
      });
      return undefined;
    }
    if (elsewhere.length) {
      this.other.add(row, elsewhere.length === 1 ? elsewhere[0] : wardText!);
      return OTHER_DISTRICT;
    }
    this.unplaced(row, wardText, small);
    return undefined;
  }

  private placeByLookup(
    row: number,
    small: SmallArea,
    wardText: string | undefined,
    ward: string | undefined,
  ): string | typeof OTHER_DISTRICT | undefined {
    const geography = this.geography;
    const r = geography.resolveArea(small.type, small.text);
    if (r.status === "ward") {
      if (ward && ward !== r.ward.name) {
        this.sink.add("ward-disagrees", cellAt(row, this.col(this.roles.ward)), {
          row: row + 1,
          ward: wardText!,
          areaType: small.type === "lsoa" ? "LSOA" : "village",
          area: small.text,
          lookupWard: r.ward.name,
        });
      }
      return r.ward.name;
    }
    if (r.status === "other-district") {
      this.other.add(row, r.district);
      return OTHER_DISTRICT;
    }
    if (ward) return ward;
    if (r.status === "split") {
      this.sink.group("split-lsoa", "", cellAt(row, small.col), { via: r.via, example: `${small.text} lies in ${listNames(r.wards)}` });
      return undefined;
    }
    const theirs = small.type === "lsoa" ? geography.otherVintageOf(small.text) : undefined;
    if (theirs) {
      this.sink.group("lsoa-vintage", "", cellAt(row, small.col), {
        theirs,
        // otherVintageOf answers only when the lookup's LSOA year is known.
        ours: geography.lsoaVintage!.lsoa!,
        example: small.text,
        lookup: geography.describeLsoaLookup() ?? "",
      });
      return undefined;
    }
    this.sink.add(small.type === "lsoa" ? "unknown-lsoa" : "unknown-village", cellAt(row, small.col), {
      area: small.text,
      row: row + 1,
      ward: wardText,
      district: geography.district,
    });
    return undefined;
  }

  private unplaced(row: number, wardText: string | undefined, small: SmallArea | undefined): void {
    const geography = this.geography;
    if (wardText) {
      const near = geography.nearestWards(wardText);
      this.sink.add("unknown-ward", cellAt(row, this.col(this.roles.ward)), {
        ward: wardText,
        row: row + 1,
        district: geography.district,
        nearest: near,
        wards: geography.wards.length,
      });
    } else if (small) {
      this.sink.add(
        "no-lookup",
        cellAt(row, small.col),
        { areaType: small.type === "lsoa" ? "LSOA" : "village", area: small.text, row: row + 1 },
        { remedies: [{ action: "give-lookup" }] },
      );
    } else {
      this.sink.add("missing-area", rowsAt(row), { fields: "ward or area", row: row + 1 });
    }
  }
}

/**
 * Places every record in a ward of the district, reporting (never guessing) those it cannot.
 * The return read is left as it is (one read serves every district of a county-wide run); the
 * placed return is new, with its own records, counts and findings.
 */
export function placeReturn(ret: ParsedReturn, geography: Geography): ParsedReturn {
  const sink = new FindingSink(ret.file, ret.sheet);
  const placer = new Placer(sink, ret, geography);
  const keep: number[] = [];
  const wards: string[] = [];
  let rejected = 0;
  for (let i = 0; i < ret.records.length; i++) {
    const ward = placer.place(i);
    if (ward === undefined) rejected++;
    else if (ward !== OTHER_DISTRICT) {
      keep.push(i);
      wards.push(ward);
    }
  }
  placer.other.finding(sink, ret, geography.district);
  sink.flush();
  return {
    ...ret,
    records: ret.records.select(keep, wards),
    findings: [...ret.findings, ...sink.findings],
    accepted: keep.length,
    rejected: ret.rejected + rejected,
    leftOut: ret.leftOut + rejected,
    excluded: ret.excluded + placer.other.count,
  };
}
