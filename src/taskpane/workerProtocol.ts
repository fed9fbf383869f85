/** The messages between the pane and its worker (checkWorker.ts). */
import { CheckSummary } from "../app/returnFile";
import { SheetCheckRequest } from "../app/workbook";
import { SheetData } from "../engine/cells";
import { Outcome } from "../engine/outcome";
import { WrittenCell } from "../shared/workbookPort";

export type CheckOptions = Omit<SheetCheckRequest, "sheet">;

export type WorkerRequest =
  | { type: "check-file"; id: number; file: File; check: CheckOptions }
  | { type: "sheet-begin"; id: number; sheet: Omit<SheetData, "rows"> }
  | { type: "sheet-rows"; id: number; rows: SheetData["rows"] }
  | { type: "check-sheet"; id: number; check: CheckOptions }
  | { type: "rows"; id: number; from: number; count: number };

export type WorkerReply =
  | { type: "progress"; id: number; label: string; fraction: number }
  | { type: "done"; id: number; result: Outcome<{ summary: CheckSummary }> }
  | { type: "rows"; id: number; rows: WrittenCell[][]; total: number }
  | { type: "failed"; id: number; message: string };
