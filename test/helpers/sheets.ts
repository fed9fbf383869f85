import { Cell, SheetData } from "../../src/engine/read/cells";
import { isLsoaChanges, Lookup, LookupRead } from "../../src/engine/geography/lookups";

export function sheet(rows: Cell[][], name = "Sheet1", file = "return.xlsx"): SheetData {
  return { file, sheet: name, rows };
}

/** The published Table 4 (South Cambridgeshire, January 2020), as rebuilt in the brief. */
export const PUBLISHED_TABLE_4: { ward: string; flags: string[]; total: number; risk: string }[] = [
  ["Balsham", [], 0, "Low"],
  ["Bar Hill", [], 0, "Low"],
  ["Barrington", [], 0, "Low"],
  ["Bassingbourn", ["council-asb"], 1, "Medium"],
  ["Caldecote", [], 0, "Low"],
  ["Cambourne", ["crime", "police-asb", "benefits", "fires"], 4, "High"],
  ["Caxton & Papworth", [], 0, "Low"],
  ["Cottenham", ["council-asb", "fires"], 2, "Medium"],
  ["Duxford", [], 0, "Low"],
  ["Fen Ditton & Fulbourn", ["crime", "fires"], 2, "Medium"],
  ["Foxton", [], 0, "Low"],
  ["Gamlingay", ["council-asb"], 1, "Medium"],
  ["Girton", [], 0, "Low"],
  ["Hardwick", [], 0, "Low"],
  ["Harston & Comberton", ["council-asb"], 1, "Medium"],
  ["Histon & Impington", ["crime", "police-asb", "benefits"], 3, "High"],
  ["Linton", ["benefits"], 1, "Medium"],
  ["Longstanton", [], 0, "Low"],
  ["Melbourn", ["council-asb", "imd"], 2, "Medium"],
  ["Milton & Waterbeach", ["crime", "police-asb", "council-asb"], 3, "High"],
  ["Over & Willingham", ["council-asb", "benefits", "fires"], 3, "High"],
  ["Sawston", ["council-asb"], 1, "Medium"],
  ["Shelford", ["benefits"], 1, "Medium"],
  ["Swavesey", [], 0, "Low"],
  ["The Mordens", [], 0, "Low"],
  ["Whittlesford", [], 0, "Low"],
].map(([ward, flags, total, risk]) => ({ ward: ward as string, flags: flags as string[], total: total as number, risk: risk as string }));

/** The area lookup a read gave, failing the test when it gave something else. */
export function areaLookupOf(r: LookupRead): Lookup {
  if (!r.ok) throw new Error(`not a lookup: ${r.message}`);
  if (isLsoaChanges(r.lookup)) throw new Error("an LSOA change lookup, not an area lookup");
  return r.lookup;
}

/** Huntingdonshire's published violence offences and counts, whose harm the report gives as 263,239 days. */
export const HUNTINGDONSHIRE_VIOLENCE: [string, number][] = [
  ["Common assault and battery (incl. attempts)", 3301],
  ["Assault – occasioning actual bodily harm (incl. attempts)", 1736],
  ["Sending letters etc with intent to cause distress or anxiety (incl. attempts)", 713],
  ["Harassment (incl. attempts)", 543],
  ["Threats to kill", 336],
  [
    "Owner or person in charge allowing dog to be dangerously out of control in any place in England or Wales (whether or not a public place) injuring any person or assistance dog (incl. attempts)",
    179,
  ],
  ["Assault – GBH cause grievous bodily harm (incl. assault police and attempts)", 155],
];
