import * as React from "react";
import { InputError, isCancelled, WorkbookError } from "../common/errors";
import { problemForPane } from "./paneRemedies";

export interface TaskMessage {
  intent: "error" | "success" | "warning" | "info";
  text: string;
  /** Excel's code and message, shown small under the words: what support asks for. */
  details?: string;
}

/** What a running task gets: its cancel signal (the adapter checks it between chunks) and a way to report progress. */
export interface TaskStep {
  signal: { aborted: boolean };
  /** A new label for what is being done, and how far through it is (0 to 1) when that is known. */
  progress: (label: string, fraction?: number) => void;
}

export interface Task {
  /** What is being done, while a task runs. */
  busy?: string;
  /** How far through, when known. */
  fraction?: number;
  message?: TaskMessage;
  setMessage: (message: TaskMessage | undefined) => void;
  /**
   * Runs one piece of work: progress and cancelling while it runs, and its failure shown as a
   * message that starts with `failure`. Gives the work's value, or undefined if it failed.
   */
  run: <T>(label: string, failure: string, work: (step: TaskStep) => Promise<T>) => Promise<T | undefined>;
  cancel: () => void;
}

/** What went wrong, in words, with Excel's code apart when Excel refused. */
export function whyFailed(e: unknown): { text: string; details?: string } {
  if (e instanceof WorkbookError) return { text: e.message, details: e.details };
  // A problem with the input is worded as every problem in the pane is: its fix, and its remedies as the pane's controls.
  if (e instanceof InputError) return { text: problemForPane(e.problem) };
  // Anything else is a defect or the browser's own error: said in words, with its raw text apart for whoever reports it.
  const raw = e instanceof Error ? e.message : String(e);
  return {
    text: "something unexpected stopped it. Try again; if it happens again, report it with the details below.",
    details: raw.length > 300 ? `${raw.slice(0, 300)}…` : raw,
  };
}

/** An error message for a failure: `prefix: what happened`, with Excel's details apart. */
export function failureMessage(prefix: string, e: unknown): TaskMessage {
  const why = whyFailed(e);
  return { intent: "error", text: `${prefix}: ${why.text}`, details: why.details };
}

/** The same, on one line (for notes that have no room for a details line). */
export function inWords(e: unknown): string {
  const why = whyFailed(e);
  return why.details ? `${why.text} (${why.details})` : why.text;
}

/** One task at a time, with its progress, its cancel and its message: the pattern every view repeats. */
export function useTask(): Task {
  const [busy, setBusy] = React.useState<string | undefined>();
  const [fraction, setFraction] = React.useState<number | undefined>();
  const [message, setMessage] = React.useState<TaskMessage | undefined>();
  const signal = React.useRef({ aborted: false });

  const run = React.useCallback(async <T>(label: string, failure: string, work: (step: TaskStep) => Promise<T>): Promise<T | undefined> => {
    signal.current = { aborted: false };
    setMessage(undefined);
    setBusy(label);
    setFraction(undefined);
    try {
      return await work({
        signal: signal.current,
        progress: (text, f) => {
          setBusy(text);
          setFraction(f);
        },
      });
    } catch (e) {
      setMessage(isCancelled(e) ? { intent: "info", text: `${label} cancelled: nothing was changed.` } : failureMessage(failure, e));
      return undefined;
    } finally {
      setBusy(undefined);
      setFraction(undefined);
    }
  }, []);

  const cancel = React.useCallback(() => {
    signal.current.aborted = true;
  }, []);

  return { busy, fraction, message, setMessage, run, cancel };
}
