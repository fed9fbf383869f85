import type { Problem } from "../engine/findings/outcome";
/** The messages between the pane and its worker (checkWorker.ts). */
import type { CheckSummary } from "../app/returnFile";
import type { SheetCheckRequest, SheetsTable4Request } from "../app/openWorkbook";
import type { MatrixComparison } from "../engine/matrix/compare";
import type { Finding } from "../engine/findings/findings";
import type { Matrix } from "../engine/matrix/matrix";
import type { RowSheet } from "../engine/read/cells";
import type { Outcome } from "../engine/findings/outcome";
import type { WrittenCell } from "../common/workbookPort";
import type { ThresholdProposal } from "../app/proposeThresholds";

export type CheckOptions = Omit<SheetCheckRequest, "sheet">;

/** What a build asks besides its sheets, which are sent ahead in parts. */
export type BuildOptions = Omit<SheetsTable4Request, "sheets" | "lookup" | "concerns" | "earlier">;

/** What the pane shows of a build: the matrix, the changes since an earlier one, and the findings. */
export interface BuiltSummary {
  findings: Finding[];
  matrix?: Matrix;
  comparison?: MatrixComparison;
}

/** Where a sheet sent ahead stands in the request it is for. */
export type SheetRole = { role: "sheet"; name: string } | { role: "lookup" | "concerns" | "earlier" };

export type WorkerRequest =
  | { type: "check-file"; id: number; file: File; check: CheckOptions }
  | { type: "sheet-begin"; id: number; role: SheetRole; sheet: Omit<RowSheet, "rows"> }
  | { type: "sheet-rows"; id: number; rows: RowSheet["rows"] }
  | { type: "check-sheet"; id: number; check: CheckOptions }
  | { type: "build"; id: number; build: BuildOptions }
  | { type: "propose"; id: number; build: BuildOptions }
  | { type: "rows"; id: number; from: number; count: number };

export type WorkerReply =
  | { type: "progress"; id: number; label: string; fraction: number }
  | { type: "done"; id: number; result: Outcome<{ summary: CheckSummary }> }
  | { type: "built"; id: number; result: Outcome<{ built: BuiltSummary }> }
  | { type: "proposed"; id: number; result: Outcome<ThresholdProposal> }
  | { type: "rows"; id: number; rows: WrittenCell[][]; total: number }
  /** `problem` when the input was at fault (a limit reached), said as to the user; otherwise `message` is a defect's raw text. */
  | { type: "failed"; id: number; message: string; problem?: Problem };
