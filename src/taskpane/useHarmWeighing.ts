import * as React from "react";
import type { RowSheet } from "../engine/read/cells";
import { harmColumnsOf, harmFormula, harmOfColumns } from "../app/weighHarm";
import type { SheetInfo, WorkbookActions } from "../common/workbookPort";
import { defaultSheet } from "./model";
import type { Task } from "./useTask";

/**
 * Weighing a sheet's offences by the Crime Harm Index: the sheet and its offence and count
 * columns (guessed from their headers, changed by the user), the total, and the formula that
 * computes it in the workbook.
 */
export function useHarmWeighing(actions: WorkbookActions, sheets: SheetInfo[], task: Task) {
  const [sheet, setSheet] = React.useState(() => defaultSheet(sheets));
  const [data, setData] = React.useState<RowSheet | undefined>();
  const [offenceCol, setOffenceCol] = React.useState<number | undefined>();
  const [countCol, setCountCol] = React.useState<number | undefined>();
  const [population, setPopulation] = React.useState("");
  const [result, setResult] = React.useState<{ total?: number; rate?: number; error?: string } | undefined>();
  const { run, setMessage } = task;

  /** The sheet as it is now, read with progress and Cancel: a sheet of offences can be long. */
  const read = React.useCallback(
    (name: string) =>
      run(`Reading ${name}`, `Could not read ${name}`, (step) =>
        actions.readSheet(name, {
          onProgress: (done, total) => step.progress(`Reading ${name}`, total ? done / total : 1),
          signal: step.signal,
        }),
      ),
    [actions, run],
  );

  React.useEffect(() => {
    if (!sheet) return;
    let live = true;
    void read(sheet).then((d) => {
      if (!live || !d) return;
      setData(d);
      const guessed = harmColumnsOf(d);
      setOffenceCol(guessed.offence);
      setCountCol(guessed.count);
      setResult(undefined);
    });
    return () => {
      live = false;
    };
  }, [sheet, read]);

  const { headerRow, headers } = data ? harmColumnsOf(data) : { headerRow: -1, headers: [] };
  const pop = Number(population.replace(/,/g, ""));
  const label = (col: number | undefined) => headers.find((h) => h.col === col)?.text ?? "Choose a column";

  const calculate = async () => {
    if (!data || offenceCol === undefined || countCol === undefined) return;
    // The sheet as it is now: officers edit counts between one calculation and the next.
    const now = await read(sheet);
    if (!now) return;
    setData(now);
    const harm = harmOfColumns(now, offenceCol, countCol, pop > 0 ? pop : undefined);
    setResult(harm.ok ? { total: harm.total, rate: harm.rate } : { error: harm.message });
  };

  const insert = () =>
    run("Inserting the formula", "Could not insert the formula", async () => {
      if (!data || offenceCol === undefined || countCol === undefined) return;
      const target = await actions.selectedAddress();
      const formula = harmFormula(sheet, headerRow, data.rows.length - 1, offenceCol, countCol, pop > 0 ? pop : undefined);
      await actions.insertFormula(target.sheet, target.address, formula);
      setMessage({ intent: "success", text: `Inserted ${formula} at ${target.sheet}!${target.address.split(":")[0]}.` });
    });

  return {
    sheet,
    setSheet,
    offenceCol,
    setOffenceCol,
    countCol,
    setCountCol,
    population,
    setPopulation,
    result,
    headers,
    label,
    calculate,
    insert,
  };
}
