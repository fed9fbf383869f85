import type { Finding, Remedy } from "../engine/findings/findings";
import { fixInWords, problemText } from "../app/present";
import type { Problem } from "../engine/findings/outcome";
import { returnKind } from "../app/kinds";

/** A remedy as the task pane offers it: the control that applies it. */
export function remedyInControls(r: Remedy): string {
  switch (r.action) {
    case "map-field": {
      const field = r.field ? returnKind(r.kind)?.fields.find((f) => f.id === r.field) : undefined;
      if (field) return `Or rename your own column's header in the sheet to "${field.header}".`;
      if (r.header) return `Or rename "${r.header}" to the header of the field it holds.`;
      return "Then rename its columns to that kind's headers.";
    }
    case "name-kind":
      return "Choose its kind under “Kind of return”.";
    case "use-template":
      return "Or ask the analyst for the template of that kind of return (the command line's riskmatrix template writes one) and copy the data into it.";
    case "give-lookup":
      return "On the Table 4 tab, under “Data for each column”, choose the “Lookup sheet”, or press “Import the ONS LSOA-to-ward CSV…”.";
    case "name-district":
      return "On the Table 4 tab, open “Criteria and risk key” and choose the “District”.";
    case "give-weights":
      return "The pane weighs offences by the published table only; ask your analyst to add the others.";
    case "add-return":
      return `On the Table 4 tab, under “Data for each column”, choose the sheet holding the ${returnKind(r.kind)?.label ?? r.kind} return; if there is none, the column stays “not known” and says so.`;
    case "give-end":
      return "On the Table 4 tab, open “Criteria and risk key” and choose the “Last month of the data”.";
    case "write-criteria":
      return "Then check the labels, rules and periods in the form and save them.";
    case "allow-overlap":
      return "On the Table 4 tab, under “Data for each column”, choose one sheet for the column.";
  }
}

export const fixForPane = (f: Finding): string => fixInWords(f, remedyInControls);

/** A problem in one paragraph, with the pane's words for its remedies. */
export const problemForPane = (p: Problem): string => problemText(p, fixInWords(p, remedyInControls));
