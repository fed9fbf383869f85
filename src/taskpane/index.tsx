import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

/* global Office, document */

function start(): void {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<App />);
}

// Outside Office (a plain browser) office.js may be missing: the pane still renders and says so.
if (typeof Office !== "undefined" && Office.onReady) {
  Office.onReady(() => start());
} else {
  start();
}
