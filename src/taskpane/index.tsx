import * as React from "react";
import { createRoot } from "react-dom/client";
import { excelActions } from "../excel/actions";
import { App } from "./App";
import type { StartupFacts } from "./startup";
import { EXCEL_SILENCE_MS, openedByOffice, startupProblem } from "./startup";

/* global Office, Excel, document, window */

const root = document.getElementById("root");
const view = root ? createRoot(root) : undefined;

function show(facts: StartupFacts): void {
  const inExcel = facts.host === "Excel" && typeof Excel !== "undefined";
  view?.render(<App actions={inExcel ? excelActions() : undefined} unavailable={startupProblem(facts)} />);
}

const facts: StartupFacts = {
  officeLoaded: typeof Office !== "undefined" && !!Office.onReady,
  openedByOffice: openedByOffice(window.location.search, window.parent !== window),
};

if (facts.officeLoaded) {
  // Until Excel answers the pane says nothing; if it stays silent, it says so rather than stay blank.
  const silence = setTimeout(() => show({ ...facts, silent: true }), EXCEL_SILENCE_MS);
  void Office.onReady((info) => {
    clearTimeout(silence);
    show({ ...facts, host: info.host ? String(info.host) : undefined });
  });
} else {
  show(facts);
}
