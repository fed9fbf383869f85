/*
 * The pane's components and hooks in a DOM (jsdom), without the browser or Excel: what a user
 * sees of findings and of a task's progress, failure and cancelling.
 */
import * as React from "react";
import { act, fireEvent, render, renderHook, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Finding } from "../../src/engine/findings/findings";
import { FindingList, SeverityCounts } from "../../src/taskpane/FindingList";
import { useTask } from "../../src/taskpane/useTask";
import { CheckResult } from "../../src/taskpane/CheckResult";
import type { CheckSummary } from "../../src/app/returnFile";
import { InputError, CancelledError } from "../../src/common/errors";
import { problem } from "../../src/app/problems";
import type { SheetInfo, WorkbookActions } from "../../src/common/workbookPort";
import { useHarmWeighing } from "../../src/taskpane/useHarmWeighing";
import { MatrixChanges } from "../../src/taskpane/MatrixChanges";
import { WardRow } from "../../src/taskpane/WardRow";
import type { Matrix } from "../../src/engine/matrix/matrix";
import { HUNTINGDONSHIRE_VIOLENCE } from "../helpers/sheets";

const inPane = (ui: React.ReactElement) => render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

const finding = (severity: Finding["severity"], row: number, message: string): Finding => ({
  severity,
  code: severity === "error" ? "bad-date" : "unknown-value",
  file: "this workbook",
  sheet: "Fires",
  at: { kind: "cell", row, col: 1 },
  cell: `Fires!B${row + 1}`,
  message,
  fix: "Correct it.",
  params: {},
});

describe("the findings list", () => {
  const findings = [finding("error", 4, '"31/02/2019" is not a real date'), finding("warning", 7, 'Cause "Not deliberate" is unknown')];

  it("groups findings by severity with their counts, and goes to a finding's cell when it is chosen", () => {
    const onSelect = jest.fn();
    inPane(
      <>
        <SeverityCounts findings={findings} />
        <FindingList findings={findings} onSelect={onSelect} />
      </>,
    );
    expect(screen.getByRole("status", { name: "Findings by severity" }).textContent).toMatch(/1 error.*1 warning.*0 notes/);
    expect(screen.getByRole("region", { name: "Errors" }).textContent).toMatch(/not a real date/);
    expect(screen.getByRole("region", { name: "Warnings" }).textContent).toMatch(/Not deliberate/);
    expect(screen.queryByRole("region", { name: "Notes" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /Go to Fires!B5/ }));
    expect(onSelect).toHaveBeenCalledWith("Fires", "B5");
  });

  it("says a finding repeated word for word once, with its count and cells", () => {
    const repeated = Array.from({ length: 59 }, (_, i) =>
      finding("error", i + 1, "No village lookup was given, so villages cannot be counted"),
    );
    inPane(<FindingList findings={repeated} onSelect={jest.fn()} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(1);
    expect(screen.getByRole("region", { name: "Errors" }).textContent).toMatch(
      /Errors \(59\).*Found 59 times, at B2, B3, B4, B5, B6, B7, B8, B9 and 51 more\./,
    );
  });

  it("shows a file's findings as text, with nothing to click, when they are not in the workbook", () => {
    inPane(<FindingList findings={findings} />);
    expect(screen.queryAllByRole("button")).toHaveLength(0);
    expect(screen.getByRole("region", { name: "Errors" }).textContent).toMatch(/not a real date/);
  });
});

describe("a task: progress, failure in words, cancelling", () => {
  it("shows progress while it runs and clears it when done", async () => {
    const { result } = renderHook(() => useTask());
    let finish!: () => void;
    let promise!: Promise<string | undefined>;
    act(() => {
      promise = result.current.run("Reading", "It could not be read", async (step) => {
        step.progress("Reading fires.xlsx", 0.5);
        await new Promise<void>((resolve) => (finish = resolve));
        return "read";
      });
    });
    expect(result.current.busy).toBe("Reading fires.xlsx");
    expect(result.current.fraction).toBe(0.5);
    await act(async () => {
      finish();
      expect(await promise).toBe("read");
    });
    expect(result.current.busy).toBeUndefined();
    expect(result.current.message).toBeUndefined();
  });

  it("says a problem with the input and what to do, an unexpected error in words with its text apart, and a cancel as nothing changed", async () => {
    const { result } = renderHook(() => useTask());
    await act(() =>
      result.current.run("Checking", "The return could not be checked", () =>
        Promise.reject(new InputError(problem("no-worksheets", { file: "fires.xlsx" }))),
      ),
    );
    expect(result.current.message).toEqual({
      intent: "error",
      text: "The return could not be checked: fires.xlsx has no worksheets.\nFix: Give the workbook that holds the return's sheet.",
      details: undefined,
    });
    await act(() =>
      result.current.run("Checking", "The return could not be checked", () => Promise.reject(new TypeError("x is undefined"))),
    );
    expect(result.current.message).toMatchObject({
      intent: "error",
      text: expect.stringMatching(/^The return could not be checked: something unexpected stopped it/),
      details: "x is undefined",
    });
    await act(() => result.current.run("Building", "The matrix could not be built", () => Promise.reject(new CancelledError())));
    expect(result.current.message).toEqual({ intent: "info", text: "Building cancelled: nothing was changed." });
  });
});

describe("a check's result", () => {
  const summary = (findings: Finding[], file?: string): CheckSummary => ({
    file,
    sheet: "Fires",
    otherSheets: file ? ["Notes"] : [],
    kind: "fires",
    rows: 13,
    rowsRead: 12,
    accepted: 11,
    excluded: 0,
    rejected: 1,
    findings,
  });
  const handlers = { busy: false, marked: false, onCopy: jest.fn(), onMark: jest.fn(), onUnmark: jest.fn(), onSelect: jest.fn() };

  it("of a sheet: its rows accounted for, its findings to mark and go to", () => {
    inPane(<CheckResult checked={{ source: "sheet", summary: summary([finding("error", 4, "bad")]) }} {...handlers} />);
    expect(screen.getByText(/12 rows read, 11 accepted, 0 excluded, 1 rejected/)).toBeTruthy();
    expect(screen.getByText(/Fix the errors before the return is used; click a finding/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Mark findings on the sheet" }));
    expect(handlers.onMark).toHaveBeenCalled();
    expect(screen.queryByRole("button", { name: /Copy into this workbook/ })).toBeNull();
  });

  it("of a file: its other sheets named, copied into the workbook rather than marked, and ready to send when clean", () => {
    inPane(<CheckResult checked={{ source: "file", summary: summary([], "fires.xlsx") }} {...handlers} />);
    expect(screen.getByText(/Its other sheets were not checked: Notes/)).toBeTruthy();
    expect(screen.getByText(/No problems found: this return is ready to send/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Mark findings on the sheet" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /Copy into this workbook/ }));
    expect(handlers.onCopy).toHaveBeenCalled();
  });
});

describe("the harm view's hook", () => {
  it("guesses the offence and count columns of the sheet, reads it again to calculate, and inserts the add-in's formula", async () => {
    const rows = [["Violence against the person, 2019"], ["Offence", "Number of offences"], ...HUNTINGDONSHIRE_VIOLENCE];
    const inserted: string[] = [];
    const reads: { signal?: unknown; onProgress?: unknown }[] = [];
    const actions = {
      readSheet: (name: string, options: { signal?: unknown; onProgress?: unknown }) => {
        reads.push(options);
        return Promise.resolve({ file: "this workbook", sheet: name, rows });
      },
      selectedAddress: () => Promise.resolve({ sheet: "Summary", address: "B2" }),
      insertFormula: (_sheet: string, _address: string, formula: string) => Promise.resolve(void inserted.push(formula)),
    } as unknown as WorkbookActions;
    const { result } = renderHook(() => useHarmWeighing(actions, [{ name: "Violence", rows: rows.length }] as SheetInfo[], useTask()));
    await act(() => Promise.resolve());
    // Read as a task: with progress and a signal that Cancel sets.
    expect(reads[0]).toEqual({ onProgress: expect.any(Function), signal: { aborted: false } });
    expect(result.current).toMatchObject({ sheet: "Violence", offenceCol: 0, countCol: 1 });
    expect(result.current.headers.map((h) => h.text)).toEqual(["Offence", "Number of offences"]);
    await act(() => result.current.calculate());
    expect(result.current.result).toEqual({ total: 263239, rate: undefined });
    await act(() => result.current.insert());
    expect(inserted).toEqual([`=CSP.HARMWEIGHT(Violence!$A$3:$A$${rows.length},Violence!$B$3:$B$${rows.length})`]);
  });
});

describe("the changes since an earlier matrix", () => {
  it("lists each ward's flags gained, lost and now not known, its risk moved, and a criterion that changed", () => {
    inPane(
      <MatrixChanges
        comparison={{
          against: "Table 4 (Q2)",
          changes: [
            { ward: "Girton", gained: ["Deliberate fires"], lost: ["IMD"], notKnown: ["Benefits"], riskBefore: "Low", riskAfter: "Medium" },
          ],
          criteriaChanged: [{ column: "Deliberate fires", before: "20+ fires", now: "15+ fires" }],
          onlyBefore: [],
          onlyNow: [],
        }}
      />,
    );
    expect(screen.getByRole("heading", { name: "Changes since Table 4 (Q2)" })).toBeTruthy();
    expect(screen.getByRole("listitem").textContent).toBe(
      "Girton: gained Deliberate fires; lost IMD; now not known: Benefits (Low → Medium)",
    );
    expect(screen.getByText(/Criteria changed for Deliberate fires: was “20\+ fires”, now “15\+ fires”/)).toBeTruthy();
  });
});

describe("a ward of the preview", () => {
  it("opens to the reason behind each column's flag, from a button a keyboard reaches", () => {
    const matrix = {
      title: "Table 4",
      district: "Testshire",
      compiled: "",
      columns: [
        { id: "fires", label: "Deliberate fires", criterion: "20+ fires", rule: ">=20" },
        { id: "imd", label: "IMD", criterion: "decile 3 or less", rule: "decile<=3" },
      ],
      rows: [
        {
          ward: "North",
          flags: { fires: true, imd: null },
          evidence: { fires: "25", imd: "no data" },
          reasons: {
            fires: { value: 25, reason: "The ward's count is 25, which meets 20 or more." },
            imd: { value: null, reason: "No data: no Indices of Deprivation return was given." },
          },
          total: 1,
          unknown: 1,
          incomplete: true,
          risk: "Medium to High",
          riskFrom: "Medium",
          riskTo: "High",
        },
      ],
      riskKey: [
        { min: 0, max: 0, label: "Low" },
        { min: 1, max: 1, label: "Medium" },
        { min: 2, max: Infinity, label: "High" },
      ],
      footnotes: [],
      notes: [],
      findings: [],
    } as unknown as Matrix;
    inPane(
      <table>
        <tbody>
          <WardRow matrix={matrix} row={matrix.rows[0]} />
        </tbody>
      </table>,
    );
    const ward = screen.getByRole("button", { name: "North" });
    expect(ward.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("list")).toBeNull();
    fireEvent.click(ward);
    expect(ward.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("list", { name: "Why North is flagged or not" })).toBeTruthy();
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Deliberate fires (flag): The ward's count is 25, which meets 20 or more.",
      "IMD (not known): No data: no Indices of Deprivation return was given.",
    ]);
  });
});
