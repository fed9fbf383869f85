/*
 * Which kind of return each sheet is: the kind the user named, or the one its identifying column
 * shows; sheets that fit several kinds, or none fully, are named, and a sheet given twice is read once.
 */
import { FNV_OFFSET, FNV_PRIME, hashText } from "../read/hash";
import { cellText, SheetData } from "../read/cells";
import { Finding, FindingCode, finding, FindingInput } from "../findings/findings";
import { ParamsOf } from "../findings/findingCatalogue";
import { findRow, gridOf, headRows, rowCountOf } from "../read/grid";
import { HEADER_SEARCH_ROWS, rankKinds, recogniseKind } from "./headers";
import { KNOWN_OTHER_FILES, returnKind, RETURN_KINDS, ReturnKind } from "./returnKinds";
import { normaliseName } from "../read/text";

/** One input file: its sheets, and the kind the user named for it (KIND=FILE), if any. */
export interface InputFile {
  file: string;
  kind?: string;
  sheets: SheetData[];
  /** Found in a folder but not read, and why: it is named in the findings, never passed over. */
  skipped?: string;
}

/** kind -> field -> header, from --map KIND.FIELD=HEADER. */
export type HeaderMap = Record<string, Record<string, string>>;

/** A finding about a whole file, sheet or run rather than a cell. */
export function fileFinding<C extends FindingCode>(
  code: C,
  file: string,
  sheet: string,
  params: ParamsOf<C>,
  extras: Pick<FindingInput<C>, "severity" | "remedies"> = {},
): Finding {
  return finding(code, { file, sheet, params, ...extras });
}

/** A sheet, its kind, and what said so ("its "Cause" column", "its kind named by the user"). */
export interface RecognisedSheet {
  sheet: SheetData;
  kind: ReturnKind;
  how: string;
}

/** Decides each sheet's kind: the one the user named, or the one its headers show. */
export function recogniseSheets(inputs: readonly InputFile[], map: HeaderMap = {}): { sheets: RecognisedSheet[]; findings: Finding[] } {
  const sheets: RecognisedSheet[] = [];
  const findings: Finding[] = [];
  const otherFiles = new Map<string, { label: string; why: string; files: string[] }>();
  for (const input of inputs) {
    if (input.skipped !== undefined) {
      findings.push(fileFinding("file-skipped", input.file, "", { file: input.file, why: input.skipped }));
      continue;
    }
    if (input.kind) {
      const kind = returnKind(input.kind);
      if (!kind) {
        findings.push(fileFinding("unknown-kind", input.file, "", { kind: input.kind, kinds: RETURN_KINDS.map((k) => k.id) }));
        continue;
      }
      const nonEmpty = input.sheets.filter((s) => findRow(s, (r) => r.length > 0));
      // Named, the kind needs no identifying column: a sheet that has every column it needs is one.
      const candidates = nonEmpty.length > 1 ? nonEmpty.filter((s) => rankKinds(s, [kind])[0].fits) : nonEmpty;
      for (const sheet of candidates.length ? candidates : nonEmpty.slice(0, 1))
        sheets.push({ sheet, kind, how: "its kind named by the user" });
      continue;
    }
    let found = 0;
    const skipped: string[] = [];
    const partial: { sheet: string; kind: ReturnKind }[] = [];
    for (const sheet of input.sheets) {
      if (!findRow(sheet, (r) => r.some((c) => c !== null && c !== undefined && c !== ""))) continue;
      const other = knownOtherFile(sheet);
      if (other) {
        found++;
        const o = otherFiles.get(other.id) ?? { label: other.label, why: other.why, files: [] };
        o.files.push(input.file);
        otherFiles.set(other.id, o);
        continue;
      }
      const mapped = kindsMappedIn(sheet, map);
      if (mapped.length === 1) {
        sheets.push({ sheet, kind: mapped[0], how: "a column the user mapped" });
        found++;
        continue;
      }
      const r = recogniseKind(sheet);
      if (r.status === "recognised") {
        sheets.push({ sheet, kind: r.guess.kind, how: r.guess.identifiedBy! });
        found++;
      } else if (r.status === "ambiguous") {
        found++;
        const names = r.candidates.map((c) => c.kind.id);
        findings.push(
          fileFinding(
            "ambiguous-kind",
            input.file,
            sheet.sheet,
            {
              sheet: sheet.sheet,
              unidentified: !!r.unidentified,
              candidates: r.unidentified ? r.candidates.map((c) => c.kind.label) : names,
              nearKinds: (r.near ?? []).map((n) => n.guess.kind.label),
              nearHeaders: (r.near ?? []).map((n) => n.missing[0].header),
              choices: [...names, ...(r.near ?? []).map((n) => n.guess.kind.id)],
            },
            {
              remedies: [
                { action: "name-kind", kind: names[0], file: input.file },
                ...(r.near ?? []).map((n) => ({ action: "map-field" as const, kind: n.guess.kind.id, field: n.missing[0].id })),
                ...(r.near?.length ? [] : [{ action: "map-field" as const, kind: names[0] }]),
              ],
            },
          ),
        );
      } else {
        skipped.push(sheet.sheet);
        // A sheet naming two or more of a kind's columns was probably meant as a return; notes are not.
        if (r.best && r.best.match.columns.size >= 2) partial.push({ sheet: sheet.sheet, kind: r.best.kind });
      }
    }
    if (found === 0 && partial.length === 0) {
      findings.push(
        fileFinding(
          "unrecognised-return",
          input.file,
          skipped[0] ?? "",
          { file: input.file, kinds: RETURN_KINDS.map((k) => k.id) },
          {
            remedies: [
              { action: "name-kind", kind: "fires", file: input.file },
              { action: "map-field", kind: "KIND" },
              { action: "use-template" },
            ],
          },
        ),
      );
    }
    for (const p of partial) {
      const missing = p.kind.fields.filter((f) => f.required).map((f) => f.header);
      findings.push(
        fileFinding(
          "sheet-not-read",
          input.file,
          p.sheet,
          { sheet: p.sheet, kind: p.kind.label, missing, oneOf: (p.kind.oneOf ?? []).map((g) => g.join("/")) },
          { severity: found === 0 ? "error" : "warning", remedies: [{ action: "name-kind", kind: p.kind.id, file: input.file }] },
        ),
      );
    }
  }
  findings.push(...dropRepeatedSheets(sheets));
  for (const o of otherFiles.values()) {
    findings.push(fileFinding("file-not-used", o.files.length === 1 ? o.files[0] : "", "", { files: o.files, label: o.label, why: o.why }));
  }
  return { sheets, findings };
}

const fingerprints = new WeakMap<SheetData, number>();

/** A hash of a sheet's cells as the checks read them: sheets that differ almost always differ in it, so most pairs are never compared cell by cell. */
function fingerprint(sheet: SheetData): number {
  let h = fingerprints.get(sheet);
  if (h !== undefined) return h;
  const grid = gridOf(sheet);
  h = FNV_OFFSET;
  for (let r = 0; r < grid.length; r++) {
    const width = grid.width(r);
    if (!width) continue;
    h = Math.imul(h ^ r, FNV_PRIME);
    for (let c = 0; c < width; c++) {
      const t = cellText(grid.cell(r, c));
      if (t) h = Math.imul(h ^ c ^ hashText(t), FNV_PRIME);
    }
  }
  fingerprints.set(sheet, h);
  return h;
}

/** Whether two sheets hold the same cells, compared as the checks read them. */
function sameCells(a: SheetData, b: SheetData): boolean {
  if (fingerprint(a) !== fingerprint(b)) return false;
  const ga = gridOf(a);
  const gb = gridOf(b);
  if (ga.length !== gb.length) return false;
  for (let r = 0; r < ga.length; r++) {
    const width = Math.max(ga.width(r), gb.width(r));
    for (let c = 0; c < width; c++) if (cellText(ga.cell(r, c)) !== cellText(gb.cell(r, c))) return false;
  }
  return true;
}

/**
 * Sheets of one kind that hold exactly the same cells (a file and its browser re-download
 * "fires (1).csv", a sheet copied as "Fires (2)", one file named twice) are read once, and each
 * repeat is named: summed, every row would count twice.
 */
function dropRepeatedSheets(sheets: RecognisedSheet[]): Finding[] {
  const findings: Finding[] = [];
  const kept: RecognisedSheet[] = [];
  for (const s of sheets) {
    const length = rowCountOf(s.sheet);
    const same = kept.find(
      (k) => k.kind === s.kind && rowCountOf(k.sheet) === length && (k.sheet === s.sheet || sameCells(k.sheet, s.sheet)),
    );
    if (!same) {
      kept.push(s);
      continue;
    }
    findings.push(
      fileFinding("repeated-input", s.sheet.file, s.sheet.sheet, { sheet: describeSheet(s.sheet), same: describeSheet(same.sheet) }),
    );
  }
  sheets.splice(0, sheets.length, ...kept);
  return findings;
}

function describeSheet(s: SheetData): string {
  return s.file.toLowerCase().endsWith(".csv") ? s.file : `${s.file} [${s.sheet}]`;
}

/**
 * The kinds whose --map KIND.FIELD=HEADER names headers that this sheet has: mapping a column of
 * a kind says the sheet is that kind.
 */
function kindsMappedIn(sheet: SheetData, map: HeaderMap): ReturnKind[] {
  const kinds = Object.keys(map).filter((k) => Object.keys(map[k]).length);
  if (!kinds.length) return [];
  const headers = new Set<string>();
  for (const row of headRows(sheet, HEADER_SEARCH_ROWS)) for (const c of row) if (typeof c === "string") headers.add(normaliseName(c));
  return kinds
    .filter((k) => Object.values(map[k]).every((h) => headers.has(normaliseName(h))))
    .map((k) => returnKind(k))
    .filter((k): k is ReturnKind => !!k);
}

/** A file that comes with a download but is not a return (data.police.uk outcomes...), by its first row. */
function knownOtherFile(sheet: SheetData) {
  const first = findRow(sheet, (r) => r.some((c) => typeof c === "string" && c.trim()));
  if (!first) return undefined;
  const headers = new Set(first.map((c) => normaliseName(typeof c === "string" ? c : "")));
  return KNOWN_OTHER_FILES.find((o) => o.headers.every((h) => headers.has(normaliseName(h))));
}

/** Every return read and checked on its own, before it is placed in any district. */
