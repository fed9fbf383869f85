/*
 * What Excel hands a function for a cell. functions.json asks for plain values, but a client that
 * passes a data-typed cell (a Geography, a linked entity, a formatted number) as an object must not
 * turn every area into "[object Object]": such a cell is read by what it shows, and anything else is
 * refused by its place in the range.
 */
import { Grid, Scalar } from "../engine/rules/formulas";

type Plain = { ok: true; grid: Grid } | { ok: false; message: string };

interface RichCell {
  type?: unknown;
  text?: unknown;
  basicValue?: unknown;
}

function isScalar(v: unknown): v is Scalar {
  return v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

/** An entity shows its text; a number or text with a data type shows its basic value. */
function shownValue(cell: RichCell): Scalar | undefined {
  if (typeof cell.text === "string" && /entity/i.test(String(cell.type))) return cell.text;
  if (isScalar(cell.basicValue) && !(typeof cell.basicValue === "string" && cell.basicValue.startsWith("#"))) return cell.basicValue;
  if (typeof cell.text === "string") return cell.text;
  return undefined;
}

/** The grid with every data-typed cell as the value it shows; a cell with nothing to show is an error naming its row and column. */
export function plainGrid(grid: readonly (readonly unknown[])[], argument: string): Plain {
  const out: Grid = [];
  for (let r = 0; r < grid.length; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < grid[r].length; c++) {
      const v = grid[r][c];
      if (isScalar(v)) {
        row.push(v);
        continue;
      }
      const shown = typeof v === "object" ? shownValue(v) : undefined;
      if (shown === undefined)
        return {
          ok: false,
          message: `The ${argument} range's row ${r + 1}, column ${c + 1} holds a data type with no value to show: convert it to text (Data > Convert to Text) and try again.`,
        };
      row.push(shown);
    }
    out.push(row);
  }
  return { ok: true, grid: out };
}
