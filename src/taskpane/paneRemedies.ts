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
      return "Partners can start from the template for that kind of return.";
    case "give-lookup":
      return "Choose the lookup sheet under Build, or import the ONS CSV there.";
    case "name-district":
      return "Choose the district under Build, “Criteria and risk key”.";
    case "give-weights":
      return "The pane weighs offences by the published table only; ask your analyst to add the others.";
    case "add-return":
      return `Choose the sheet holding the ${returnKind(r.kind)?.label ?? r.kind} return under Build, “Data for each column”.`;
    case "give-end":
      return "Choose the last month of the data under “Criteria and risk key”.";
    case "write-criteria":
      return "Then check the labels, rules and periods in the form and save them.";
    case "allow-overlap":
      return "Choose one sheet for the column under “Data for each column”.";
  }
}

export const fixForPane = (f: Finding): string => fixInWords(f, remedyInControls);

/** A problem in one paragraph, with the pane's words for its remedies. */
export const problemForPane = (p: Problem): string => problemText(p, fixInWords(p, remedyInControls));
