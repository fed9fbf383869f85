/* global Excel */
import { WorkbookActions } from "../common/workbookPort";
import * as wb from "./officeWorkbook";
import { inPlainWords } from "./officeErrors";

/** The pane's workbook actions, each one Excel.run around an adapter function; Office's errors come out in words. */
export function excelActions(excelRun: typeof Excel.run = Excel.run.bind(Excel)): WorkbookActions {
  // A batch waits while the user is editing a cell, rather than fail: Excel runs it when editing ends.
  const run = <T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    excelRun({ delayForCellEdit: true }, fn).catch((e: unknown) => {
      throw inPlainWords(e);
    });
  let marks: wb.MarkRecord | undefined;
  return {
    listSheets: () => run((ctx) => wb.listSheets(ctx)),
    readSheet: (name, options = {}) => run((ctx) => wb.readSheet(ctx, name, options)),
    selectCells: (sheet, address) => run((ctx) => wb.selectCells(ctx, sheet, address)),
    markFindings: async (sheet, list) => {
      if (marks) await run((ctx) => wb.clearMarks(ctx, marks!));
      marks = undefined;
      // Kept before marking starts: a failure part way leaves what was done in it, for Remove marks.
      const record = (marks = wb.emptyMarkRecord());
      await run((ctx) => wb.markFindings(ctx, sheet, list, record));
      return { marked: list.length, uncommented: record.uncommented };
    },
    clearMarks: async () => {
      if (!marks) return;
      await run((ctx) => wb.clearMarks(ctx, marks!));
      marks = undefined;
    },
    hasMarks: () => !!marks,
    loadSettings: () => run((ctx) => wb.loadSettings(ctx)),
    saveSettings: (json) => run((ctx) => wb.saveSettings(ctx, json)),
    writeMatrix: (layout, options) => run((ctx) => wb.writeMatrixSheet(ctx, layout, options)),
    writeDataSheet: (baseName, rows, options) => run((ctx) => wb.writeDataSheet(ctx, baseName, rows, options)),
    picture: (sheet) => run((ctx) => wb.rangeImage(ctx, sheet)),
    writeCharts: (baseName, layout) => run((ctx) => wb.writeChartSheet(ctx, baseName, layout)),
    insertPicture: (sheet, picture) => run((ctx) => wb.insertPicture(ctx, sheet, picture)),
    selectedAddress: () => run((ctx) => wb.selectedAddress(ctx)),
    insertFormula: (sheet, address, formula) => run((ctx) => wb.insertFormula(ctx, sheet, address, formula)),
    watchWorkbook: (onChange) => run((ctx) => wb.watchWorkbook(ctx, onChange)),
  };
}
