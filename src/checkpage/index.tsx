import * as React from "react";
import { createRoot } from "react-dom/client";
import { CheckWorker } from "../taskpane/workerClient";
import { PartnerCheck } from "./PartnerCheck";

/* global document */

const root = document.getElementById("root");
if (root) createRoot(root).render(<PartnerCheck checker={new CheckWorker()} />);
