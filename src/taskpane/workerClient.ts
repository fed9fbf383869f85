/*
 * The pane's side of its worker: requests with progress, and Cancel that answers at once by
 * terminating the worker (a check is one synchronous run inside it, which no message can interrupt);
 * the next request starts a fresh one.
 */
import type { CheckSummary } from "../app/returnFile";
import type { RowSheet } from "../engine/read/cells";
import type { Outcome } from "../engine/findings/outcome";
import { CancelledError, InputError } from "../common/errors";
import type { WrittenCell } from "../common/workbookPort";
import type { TaskStep } from "./useTask";
import type { SheetsTable4Request } from "../app/openWorkbook";
import type { ThresholdProposal } from "../app/proposeThresholds";

/** A build from the workbook's sheets as the adapter reads them (rows), sent to the worker in parts. */
export type PaneBuildRequest = Omit<SheetsTable4Request, "sheets" | "lookup" | "concerns" | "earlier"> & {
  sheets: Record<string, RowSheet>;
  lookup?: RowSheet;
  concerns?: RowSheet;
  earlier?: RowSheet;
};
import type { BuiltSummary, CheckOptions, SheetRole, WorkerReply, WorkerRequest } from "./workerProtocol";
import { problem } from "../app/problems";

/** Built beside taskpane.js (webpack's checkWorker entry), so it loads from the page's own origin. */
const WORKER_URL = "checkWorker.js";

/** Rows are sent to the worker in parts this long, with a turn for the pane between them. */
const ROWS_PER_MESSAGE = 20_000;

/** How often a running request looks at Cancel: well inside the 100 ms a user notices. */
const CANCEL_POLL_MS = 20;

/** A request before it is numbered. */
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, "id"> : never) : never;

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (e: Error) => void;
  step?: TaskStep;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What the pane asks of its checker: the worker in the pane, anything that keeps the same promises in tests. */
export interface Checker {
  checkFile(file: File, check: CheckOptions, step: TaskStep): Promise<Outcome<{ summary: CheckSummary }>>;
  checkSheet(sheet: RowSheet, check: CheckOptions, step: TaskStep): Promise<Outcome<{ summary: CheckSummary }>>;
  fileRows(step: TaskStep): Promise<WrittenCell[][]>;
  build(request: PaneBuildRequest, step: TaskStep): Promise<Outcome<{ built: BuiltSummary }>>;
  /** Each count threshold proposed from the district's own ward figures, with their distribution. */
  propose(request: PaneBuildRequest, step: TaskStep): Promise<Outcome<ThresholdProposal>>;
}

export class CheckWorker implements Checker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly url = WORKER_URL) {}

  private get running(): Worker {
    if (!this.worker) {
      const worker = new Worker(this.url);
      worker.onmessage = (e: MessageEvent<WorkerReply>) => this.receive(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        // Most often memory: the browser stops a worker that runs out of it, with a message of its own.
        this.stop(new InputError(problem("pane-reading-stopped", { browser: e.message ?? "" })));
      };
      this.worker = worker;
    }
    return this.worker;
  }

  private receive(reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.type === "progress") return p.step?.progress(reply.label, reply.fraction);
    this.pending.delete(reply.id);
    if (reply.type === "failed") p.reject(reply.problem ? new InputError(reply.problem) : new Error(reply.message));
    else p.resolve(reply);
  }

  /** Ends the worker and every request in it. */
  private stop(why: Error): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(why);
    this.pending.clear();
  }

  private post(request: Request, step?: TaskStep, transfer: Transferable[] = []): Promise<WorkerReply> {
    const id = this.nextId++;
    const worker = this.running;
    return new Promise<WorkerReply>((resolve, reject) => {
      let watch: ReturnType<typeof setInterval> | undefined;
      const done = () => watch !== undefined && clearInterval(watch);
      this.pending.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
        step,
      });
      if (step) watch = setInterval(() => step.signal.aborted && this.stop(new CancelledError()), CANCEL_POLL_MS);
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  /** Sends without waiting for a reply (the parts of a sheet), giving the pane a turn after each. */
  private async send(request: Request, step: TaskStep): Promise<void> {
    if (step.signal.aborted) {
      // The parts already sent would otherwise wait in the worker for the next request.
      this.stop(new CancelledError());
      throw new CancelledError();
    }
    this.running.postMessage({ ...request, id: 0 });
    await nextTurn();
  }

  private async result(reply: Promise<WorkerReply>): Promise<Outcome<{ summary: CheckSummary }>> {
    const r = await reply;
    if (r.type !== "done") throw new Error("The pane's worker answered out of turn.");
    return r.result;
  }

  /** Reads a return file and checks it, in the worker; the file is kept there to be copied. */
  checkFile(file: File, check: CheckOptions, step: TaskStep): Promise<Outcome<{ summary: CheckSummary }>> {
    return this.result(this.post({ type: "check-file", file, check }, step));
  }

  /** Sends a sheet already read from the workbook to the worker in parts, the pane taking a turn between them. */
  private async sendSheet(role: SheetRole, sheet: RowSheet, step: TaskStep): Promise<void> {
    const { rows, ...rest } = sheet;
    await this.send({ type: "sheet-begin", role, sheet: rest }, step);
    for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
      step.progress(`Passing ${sheet.sheet} to the checker`, i / rows.length);
      await this.send({ type: "sheet-rows", rows: rows.slice(i, i + ROWS_PER_MESSAGE) }, step);
    }
  }

  /** Checks a sheet already read from the workbook. */
  async checkSheet(sheet: RowSheet, check: CheckOptions, step: TaskStep): Promise<Outcome<{ summary: CheckSummary }>> {
    await this.sendSheet({ role: "sheet", name: sheet.sheet }, sheet, step);
    return this.result(this.post({ type: "check-sheet", check }, step));
  }

  /** Sends a build's sheets ahead of it; gives what the build asks besides them. */
  private async sendBuild(
    request: PaneBuildRequest,
    step: TaskStep,
  ): Promise<Omit<PaneBuildRequest, "sheets" | "lookup" | "concerns" | "earlier">> {
    const { sheets, lookup, concerns, earlier, ...build } = request;
    for (const [name, sheet] of Object.entries(sheets)) await this.sendSheet({ role: "sheet", name }, sheet, step);
    if (lookup) await this.sendSheet({ role: "lookup" }, lookup, step);
    if (concerns) await this.sendSheet({ role: "concerns" }, concerns, step);
    if (earlier) await this.sendSheet({ role: "earlier" }, earlier, step);
    return build;
  }

  /** Builds Table 4 from sheets already read from the workbook. */
  async build(request: PaneBuildRequest, step: TaskStep): Promise<Outcome<{ built: BuiltSummary }>> {
    const r = await this.post({ type: "build", build: await this.sendBuild(request, step) }, step);
    if (r.type !== "built") throw new Error("The pane's worker answered out of turn.");
    return r.result;
  }

  async propose(request: PaneBuildRequest, step: TaskStep): Promise<Outcome<ThresholdProposal>> {
    const r = await this.post({ type: "propose", build: await this.sendBuild(request, step) }, step);
    if (r.type !== "proposed") throw new Error("The pane's worker answered out of turn.");
    return r.result;
  }

  /** The rows of the file checked last, as they are written into a sheet. */
  async fileRows(step: TaskStep): Promise<WrittenCell[][]> {
    const out: WrittenCell[][] = [];
    for (let from = 0; ; from += ROWS_PER_MESSAGE) {
      const r = await this.post({ type: "rows", from, count: ROWS_PER_MESSAGE }, step);
      if (r.type !== "rows") throw new Error("The pane's worker answered out of turn.");
      for (const row of r.rows) out.push(row);
      step.progress("Preparing the copy", r.total ? Math.min(1, out.length / r.total) : 1);
      if (out.length >= r.total || !r.rows.length) return out;
      await nextTurn();
    }
  }
}
