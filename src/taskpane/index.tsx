import * as React from "react";
import { createRoot } from "react-dom/client";
import { excelActions } from "../excel/actions";
import { App } from "./App";

/* global Office, Excel, document */

function start(inExcel: boolean): void {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<App actions={inExcel ? excelActions() : undefined} />);
}

// Outside Office (a plain browser) office.js may be missing: the pane still renders and says so.
if (typeof Office !== "undefined" && Office.onReady) {
  void Office.onReady((info) => start(info.host === Office.HostType.Excel && typeof Excel !== "undefined"));
} else {
  start(false);
}
