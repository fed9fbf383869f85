/*
 * A small district for tests of whole builds: Testshire's wards North, South and East (LSOAs
 * E01040001-3), with Othershire beside it for county-wide cases.
 */
import { Cell } from "../../src/engine/read/cells";
import { CriteriaSpec } from "../../src/engine/rules/criteria";
import { AnyLookup, readLookup } from "../../src/engine/geography/lookups";
import { sheet } from "./sheets";

const HEADER = ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"];
export const TESTSHIRE_ROWS: Cell[][] = [
  ["E01040001", "A 001A", "E05000001", "North", "E07000001", "Testshire"],
  ["E01040002", "A 001B", "E05000002", "South", "E07000001", "Testshire"],
  ["E01040003", "A 001C", "E05000003", "East", "E07000001", "Testshire"],
];

/** An ONS-shaped LSOA 2021 to ward 2024 lookup of Testshire's rows, or the rows given. */
export function testshireLookup(rows: Cell[][] = TESTSHIRE_ROWS): AnyLookup {
  const r = readLookup(sheet([HEADER, ...rows], "Sheet1", "lookup.csv"));
  if (!r.ok) throw new Error(r.message);
  return r.lookup;
}

/** A benefits column: the LSOA with the highest monthly average claims, over a period. */
export function benefitsColumn(period: { from: string; to: string }): CriteriaSpec["columns"][number] {
  return {
    id: "benefits",
    label: "Benefits",
    kind: "benefits",
    geography: "lsoa",
    measure: { aggregate: "monthly-average", field: "claims" },
    rule: "top 1",
    period,
  };
}
