/*
 * The pane's Web Worker: reads return files and checks returns off the pane's thread, so the pane
 * answers (progress, Cancel) however long the work takes. Bundled with the pane and served from
 * its own origin (the page's policy allows workers from 'self'). Cancel terminates the worker.
 */
import type { SheetData } from "../engine/read/cells";
import { encodingLabelOf } from "../app/returnFile";
import { checkReturnFile, copiedRows, readReturnFile, summariseCheck } from "../app/returnFile";
import type { SheetsTable4Request } from "../app/openWorkbook";
import { checkSheet, table4FromSheets, thresholdsFromSheets } from "../app/openWorkbook";
import type { SheetRole, WorkerReply, WorkerRequest } from "./workerProtocol";
import { InputError } from "../common/errors";

const scope = self as unknown as { postMessage: (m: WorkerReply) => void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };

/** The file last read, kept so that it can be copied into the workbook without reading it again. */
let held: SheetData | undefined;
/** Workbook sheets sent ahead of a check or a build, in parts: the last is still arriving. */
let arrived: { role: SheetRole; sheet: SheetData }[] = [];

/** The sheets sent ahead, taken for one request. */
function takeArrived(): { role: SheetRole; sheet: SheetData }[] {
  const out = arrived;
  arrived = [];
  return out;
}

/** A build's request with the sheets sent ahead for it, each in its role. */
function sheetsArrived(build: Extract<WorkerRequest, { type: "build" }>["build"]): SheetsTable4Request {
  const full: SheetsTable4Request = { ...build, sheets: {} };
  for (const { role, sheet } of takeArrived()) {
    if (role.role === "sheet") full.sheets[role.name] = sheet;
    else full[role.role] = sheet;
  }
  return full;
}

function progress(id: number, label: string): (fraction: number) => void {
  let last = 0;
  return (fraction) => {
    const now = performance.now();
    if (now - last < 40 && fraction < 1) return;
    last = now;
    scope.postMessage({ type: "progress", id, label, fraction });
  };
}

const decoder = (bytes: Uint8Array) => new TextDecoder(encodingLabelOf(bytes));

async function handle(request: WorkerRequest): Promise<WorkerReply | undefined> {
  switch (request.type) {
    case "check-file": {
      const reading = progress(request.id, `Reading ${request.file.name}`);
      reading(0);
      const bytes = new Uint8Array(await request.file.arrayBuffer());
      const read = readReturnFile({ name: request.file.name, bytes, decoder, onProgress: reading });
      if (!read.ok) return { type: "done", id: request.id, result: read };
      progress(request.id, "Checking")(0);
      const result = checkReturnFile(read.sheets, request.check);
      held = result.ok ? read.sheets.find((s) => s.sheet === result.summary.sheet) : undefined;
      return { type: "done", id: request.id, result };
    }
    case "sheet-begin":
      arrived.push({ role: request.role, sheet: { ...request.sheet, rows: [] } });
      return undefined;
    case "sheet-rows": {
      const rows = arrived[arrived.length - 1]?.sheet.rows;
      for (const row of request.rows) rows?.push(row);
      return undefined;
    }
    case "check-sheet": {
      const sheet = takeArrived()[0]?.sheet;
      if (!sheet) throw new Error("No sheet was sent to check.");
      progress(request.id, "Checking")(0);
      const result = summariseCheck(sheet, [sheet], checkSheet({ ...request.check, sheet }));
      return { type: "done", id: request.id, result };
    }
    case "propose": {
      progress(request.id, "Looking at each ward's figures")(0);
      return { type: "proposed", id: request.id, result: thresholdsFromSheets(sheetsArrived(request.build)) };
    }
    case "build": {
      progress(request.id, "Building the matrix")(0);
      const built = table4FromSheets(sheetsArrived(request.build));
      if (!built.ok) return { type: "built", id: request.id, result: built };
      const summary = { findings: built.result.findings, matrix: built.matrix, comparison: built.comparison };
      return { type: "built", id: request.id, result: { ok: true, built: summary } };
    }
    case "rows": {
      return { type: "rows", id: request.id, ...copiedRows(held, request.from, request.count) };
    }
  }
}

scope.onmessage = (e) => {
  const request = e.data;
  handle(request).then(
    (reply) => reply && scope.postMessage(reply),
    (err: unknown) =>
      scope.postMessage({
        type: "failed",
        id: request.id,
        message: err instanceof Error ? err.message : String(err),
        problem: err instanceof InputError ? err.problem : undefined,
      }),
  );
};
