/*
 * The pane's Web Worker: reads return files and checks returns off the pane's thread, so the pane
 * answers (progress, Cancel) however long the work takes. Bundled with the pane and served from
 * its own origin (the page's policy allows workers from 'self'). Cancel terminates the worker.
 */
import { SheetData } from "../engine/cells";
import { ENCODING_LABEL, sniffEncoding } from "../engine/encoding";
import { checkReturnFile, copiedCell, readReturnFile, summariseCheck } from "../app/returnFile";
import { checkSheet } from "../app/workbook";
import { WorkerReply, WorkerRequest } from "./workerProtocol";

const scope = self as unknown as { postMessage: (m: WorkerReply) => void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };

/** The file last read, kept so that it can be copied into the workbook without reading it again. */
let held: SheetData | undefined;
/** A workbook sheet arriving in parts. */
let arriving: SheetData | undefined;

function progress(id: number, label: string): (fraction: number) => void {
  let last = 0;
  return (fraction) => {
    const now = performance.now();
    if (now - last < 40 && fraction < 1) return;
    last = now;
    scope.postMessage({ type: "progress", id, label, fraction });
  };
}

const decode = (bytes: Uint8Array) => new TextDecoder(ENCODING_LABEL[sniffEncoding(bytes)]).decode(bytes);

async function handle(request: WorkerRequest): Promise<WorkerReply | undefined> {
  switch (request.type) {
    case "check-file": {
      const reading = progress(request.id, `Reading ${request.file.name}`);
      reading(0);
      const bytes = new Uint8Array(await request.file.arrayBuffer());
      const read = readReturnFile({ name: request.file.name, bytes, decode, onProgress: reading });
      if (!read.ok) return { type: "done", id: request.id, result: read };
      progress(request.id, "Checking")(0);
      const result = checkReturnFile(read.sheets, request.check);
      held = result.ok ? read.sheets.find((s) => s.sheet === result.summary.sheet) : undefined;
      return { type: "done", id: request.id, result };
    }
    case "sheet-begin":
      arriving = { ...request.sheet, rows: [] };
      return undefined;
    case "sheet-rows":
      for (const row of request.rows) arriving?.rows.push(row);
      return undefined;
    case "check-sheet": {
      if (!arriving) throw new Error("No sheet was sent to check.");
      progress(request.id, "Checking")(0);
      const sheet = arriving;
      arriving = undefined;
      const result = summariseCheck(sheet, [sheet], checkSheet({ ...request.check, sheet }));
      return { type: "done", id: request.id, result };
    }
    case "rows": {
      const rows = (held?.rows ?? []).slice(request.from, request.from + request.count).map((r) => Array.from(r ?? [], copiedCell));
      return { type: "rows", id: request.id, rows, total: held?.rows.length ?? 0 };
    }
  }
}

scope.onmessage = (e) => {
  const request = e.data;
  handle(request).then(
    (reply) => reply && scope.postMessage(reply),
    (err: unknown) => scope.postMessage({ type: "failed", id: request.id, message: err instanceof Error ? err.message : String(err) }),
  );
};
