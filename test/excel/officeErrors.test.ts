import { excelActions } from "../../src/excel/actions";
import { inPlainWords } from "../../src/excel/officeErrors";
import { WorkbookError } from "../../src/common/errors";
import { whyFailed } from "../../src/taskpane/useTask";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createHost, FakeError } = require("../e2e/fakeExcel.js");

describe("Office's errors, in plain words by their code", () => {
  it("a sheet deleted meanwhile: words for the user, the code and Excel's message in the details", async () => {
    const h = createHost({ sheets: [{ name: "Fires", values: [["x"]] }] });
    const actions = excelActions(h.Excel.run);
    const e = await actions.readSheet("Gone").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookError);
    const why = whyFailed(e);
    expect(why.text).toMatch(/no longer in the workbook.*Refresh the list of sheets/);
    expect(why.text).not.toMatch(/ItemNotFound|resource/);
    expect(why.details).toMatch(/^Excel's code: ItemNotFound \(The requested resource doesn't exist/);
  });
  it("waits while the user is editing a cell, and runs the request when editing ends, rather than fail", async () => {
    const h = createHost({ sheets: [{ name: "Fires", values: [["x"]] }] });
    const actions = excelActions(h.Excel.run);
    h.host.cellEdit = true;
    let listed: unknown;
    const pending = actions.listSheets().then((s) => (listed = s));
    await new Promise((r) => setTimeout(r, 20));
    expect(listed).toBeUndefined();
    h.host.endCellEdit();
    await pending;
    expect(listed).toEqual([expect.objectContaining({ name: "Fires" })]);
    // Without asking to wait, Excel fails the batch: the double is no kinder than Excel.
    h.host.cellEdit = true;
    await expect(h.Excel.run(() => Promise.resolve())).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  });
  it.each([
    ["InvalidArgument", /did not accept/],
    ["ApiNotFound", /version of Excel does not have/],
    ["AccessDenied", /protected or read-only/],
    ["InvalidOperationInCellEditMode", /editing a cell/],
    ["ResponsePayloadSizeLimitExceeded", /more than Excel \(on the web\) accepts/],
    ["RequestPayloadSizeLimitExceeded", /more than Excel \(on the web\) accepts/],
    ["SomethingNew", /could not complete the request/],
  ])("%s", (code, words) => {
    const e = inPlainWords(new FakeError(code, "raw")) as WorkbookError;
    expect(e.message).toMatch(words);
    expect(e.details).toBe(`Excel's code: ${code} (raw)`);
  });
  it("leaves errors that are not Office's as they are", () => {
    const plain = new Error("plain");
    expect(inPlainWords(plain)).toBe(plain);
  });
  it("says any other error in words, its raw text apart and cut short, never as the message", () => {
    const why = whyFailed(new TypeError(`Cannot read properties of undefined (reading 'rows') ${"x".repeat(1000)}`));
    expect(why.text).toMatch(/^something unexpected stopped it\. Try again/);
    expect(why.text).not.toMatch(/undefined/);
    expect(why.details).toMatch(/^Cannot read properties of undefined/);
    expect(why.details!.length).toBeLessThanOrEqual(301);
  });
});
