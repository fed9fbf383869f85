/**
 * The shape of a criteria file, declared once and checked before anything is read from it: every
 * value of the wrong type, unknown key, repeated id or repeated ward is reported with its path.
 * Values reach the Table 4 workbook, so anything but text where text belongs is refused rather
 * than written (an object there could become a formula or a link).
 */
import { normaliseName } from "../read/text";

type Shape =
  | { type: "text"; pattern?: RegExp; describe?: string; max: number }
  | { type: "list"; of: Shape; max: number }
  | { type: "object"; fields: Record<string, { shape: Shape; required?: boolean }> }
  | { type: "map"; of: Shape }
  | { type: "either"; of: Shape[]; describe: string };

/**
 * What a Table 4 can hold, so a criteria file is sized before anything is built from it: every
 * text fits a cell with room to spare (Excel's cells hold 32,767 characters, a heading far less),
 * and the columns and wards fit a table an officer can read and a sheet can hold.
 */
export const CRITERIA_LIMITS = { textChars: 2_000, columns: 100, wards: 5_000, listItems: 5_000 };

const text = (pattern?: RegExp, describe?: string, max = CRITERIA_LIMITS.textChars): Shape => ({ type: "text", pattern, describe, max });
const list = (of: Shape, max = CRITERIA_LIMITS.listItems): Shape => ({ type: "list", of, max });
const map = (of: Shape): Shape => ({ type: "map", of });
const either = (describe: string, ...of: Shape[]): Shape => ({ type: "either", of, describe });
function object(required: Record<string, Shape>, optional: Record<string, Shape> = {}): Shape {
  const fields: Record<string, { shape: Shape; required?: boolean }> = Object.create(null) as Record<string, { shape: Shape }>;
  for (const [k, shape] of Object.entries(required)) fields[k] = { shape, required: true };
  for (const [k, shape] of Object.entries(optional)) fields[k] = { shape };
  return { type: "object", fields };
}

/** Column ids key the matrix: letters, digits, - and _, starting with a letter or digit. */
const COLUMN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const TEXT_OR_LIST = either("text or a list of text", text(), list(text()));

const COLUMN = object(
  { id: text(COLUMN_ID, "letters, digits, - and _ (e.g. police-crime)"), label: text(), kind: text(), rule: text() },
  {
    criterion: text(),
    filter: map(TEXT_OR_LIST),
    exclude: map(TEXT_OR_LIST),
    period: object({ from: text(), to: text() }),
    geography: text(),
    measure: either(
      "text (count, sum, monthly-average, min, max) or {aggregate, field}",
      text(),
      object({ aggregate: text() }, { field: text() }),
    ),
    footnote: text(),
  },
);

export const CRITERIA_SHAPE: Shape = object(
  { columns: list(COLUMN, CRITERIA_LIMITS.columns) },
  {
    title: text(),
    compiled: text(),
    riskKey: text(),
    footnotes: list(text()),
    district: object(
      { name: text() },
      {
        code: text(),
        wards: list(either("a ward name or {name, code}", text(), object({ name: text() }, { code: text() })), CRITERIA_LIMITS.wards),
        aliases: map(text()),
      },
    ),
  },
);

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return "text";
  return `a ${typeof v}`;
}

function expected(shape: Shape): string {
  switch (shape.type) {
    case "text":
      return shape.describe ? `text: ${shape.describe}` : "text";
    case "list":
      return `a list of ${expected(shape.of)}`;
    case "object":
    case "map":
      return "an object";
    case "either":
      return shape.describe;
  }
}

/** Keys a file may carry for its readers without being read: "//" comments and "$schema". */
const isComment = (key: string) => key.startsWith("//") || key.startsWith("$");

function check(value: unknown, shape: Shape, path: string, errors: string[]): void {
  switch (shape.type) {
    case "text":
      if (typeof value !== "string") errors.push(`${path}: must be ${expected(shape)}, not ${typeName(value)}.`);
      else if (value.length > shape.max)
        errors.push(
          `${path}: is ${value.length.toLocaleString("en-GB")} characters long; at most ${shape.max.toLocaleString("en-GB")} fit a Table 4.`,
        );
      else if (shape.pattern && !shape.pattern.test(value)) errors.push(`${path}: "${value}" must be ${expected(shape)}.`);
      return;
    case "list":
      if (!Array.isArray(value)) errors.push(`${path}: must be ${expected(shape)}, not ${typeName(value)}.`);
      else if (value.length > shape.max)
        errors.push(
          `${path}: has ${value.length.toLocaleString("en-GB")} entries; at most ${shape.max.toLocaleString("en-GB")} fit a Table 4.`,
        );
      else value.forEach((v, i) => check(v, shape.of, `${path}[${i}]`, errors));
      return;
    case "either": {
      const tries = shape.of.map((s) => {
        const e: string[] = [];
        check(value, s, path, e);
        return e;
      });
      if (tries.some((e) => e.length === 0)) return;
      const sameType = tries.find(
        (e, i) => shape.of[i].type === (Array.isArray(value) ? "list" : typeof value === "string" ? "text" : "object"),
      );
      errors.push(...(sameType ?? [`${path}: must be ${shape.describe}, not ${typeName(value)}.`]));
      return;
    }
    case "map":
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        errors.push(`${path}: must be an object, not ${typeName(value)}.`);
        return;
      }
      const record = value as Record<string, unknown>;
      if (shape.type === "map") {
        for (const key of Object.keys(record)) check(record[key], shape.of, `${path}.${key}`, errors);
        return;
      }
      for (const [key, f] of Object.entries(shape.fields))
        if (f.required && record[key] === undefined) errors.push(`${path ? `${path}.` : ""}${key}: missing.`);
      for (const key of Object.keys(record)) {
        // Criteria built in code may carry a key set to undefined; JSON cannot, and it means absent.
        if (record[key] === undefined) continue;
        const at = `${path ? `${path}.` : ""}${key}`;
        const f = Object.prototype.hasOwnProperty.call(shape.fields, key) ? shape.fields[key] : undefined;
        if (f) check(record[key], f.shape, at, errors);
        else if (!isComment(key)) errors.push(`${at}: not a setting of criteria (settings here: ${Object.keys(shape.fields).join(", ")}).`);
      }
    }
  }
}

/** Every problem with the file's shape, then with what must be unique: column ids, and wards and aliases after normalising. */
export function criteriaShapeErrors(spec: unknown): string[] {
  const errors: string[] = [];
  check(spec, CRITERIA_SHAPE, "", errors);
  if (errors.length) return errors;
  const s = spec as { columns: { id: string }[]; district?: { wards?: (string | { name: string })[]; aliases?: Record<string, string> } };
  const ids = new Map<string, number>();
  s.columns.forEach((c, i) => {
    const key = c.id.toLowerCase();
    const first = ids.get(key);
    if (first !== undefined) errors.push(`columns[${i}].id: "${c.id}" is the id of columns[${first}] too; each column needs its own id.`);
    else ids.set(key, i);
  });
  const wards = new Map<string, number>();
  (s.district?.wards ?? []).forEach((w, i) => {
    const name = typeof w === "string" ? w : w.name;
    const key = normaliseName(name);
    if (!key) errors.push(`district.wards[${i}]: "${name}" is not a ward name.`);
    const first = wards.get(key);
    if (first !== undefined)
      errors.push(
        `district.wards[${i}]: "${name}" is the same ward as district.wards[${first}] (names are compared without case, spacing or punctuation).`,
      );
    else wards.set(key, i);
  });
  for (const alias of Object.keys(s.district?.aliases ?? {}))
    if (wards.has(normaliseName(alias)) && wards.size)
      errors.push(`district.aliases.${alias}: "${alias}" is itself a ward; an alias names another spelling of a ward.`);
  return errors;
}
