/*
 * Why the pane cannot work on a workbook, from what the page can see as it starts: office.js
 * missing (opened outside Office, or blocked on the way from Microsoft's CDN), another Office
 * application, or Excel not answering. Each gets its own words and what to do.
 */

/** How long Excel may take to answer office.js before the pane says so. */
export const EXCEL_SILENCE_MS = 5000;

export interface StartupFacts {
  /** office.js loaded (the Office object exists). */
  officeLoaded: boolean;
  /** The page was opened by Office: Office adds _host_Info to an add-in's address, and frames it in Excel on the web. */
  openedByOffice: boolean;
  /** Office.onReady has answered, and with which host; undefined while it has not. */
  host?: string;
  /** Excel has been silent for EXCEL_SILENCE_MS. */
  silent?: boolean;
}

export function openedByOffice(search: string, framed: boolean): boolean {
  return /[?&]_host_Info=/i.test(search) || framed;
}

/** What to tell the user, or undefined when the pane can work. */
export function startupProblem(f: StartupFacts): string | undefined {
  if (!f.officeLoaded)
    return f.openedByOffice
      ? "Excel opened the pane, but office.js could not be loaded from Microsoft (https://appsforoffice.microsoft.com): a proxy or firewall may be blocking it. Ask your IT team to allow that address, then close the pane and open it again."
      : "Open this pane from Excel (Home > Risk matrix): it works on the open workbook.";
  if (f.host !== undefined && f.host !== "Excel") return `This add-in works in Excel only; it was opened in ${f.host}.`;
  if (f.host === undefined && f.silent)
    return "Excel has not answered the pane for 5 seconds. If Excel is busy (a long calculation, a dialog box open), finish that and the pane will start; otherwise close the pane and open it again.";
  return undefined;
}
