import type { Finding, Remedy } from "../engine/findings/findings";
import { fixInWords } from "../app/present";
import { remedyInControls } from "../taskpane/paneRemedies";

/**
 * A remedy as a partner checking a return on the page can act on it: the page's own controls, or
 * the analyst where only the analyst can (the ward lookup, the district, the criteria).
 */
export function remedyForPartner(r: Remedy): string {
  switch (r.action) {
    case "map-field":
    case "name-kind":
      return remedyInControls(r);
    case "use-template":
      return "Or ask your analyst for the template of that kind of return and copy your data into it.";
    case "name-district":
    case "give-end":
    case "write-criteria":
      return "Choose the criteria file your analyst sent under “Criteria from your analyst”, or ask them for it.";
    case "give-lookup":
    case "give-weights":
    case "add-return":
    case "allow-overlap":
      return "Your analyst does this when the return arrives; nothing to change in the return for it.";
  }
}

export const fixForPartner = (f: Finding): string => fixInWords(f, remedyForPartner);
