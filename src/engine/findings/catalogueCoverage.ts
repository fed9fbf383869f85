/* Findings about what the returns cover: each column's source, its period and district, and harm's offences. */
import { listNames, plural } from "../read/text";
import { entry } from "./catalogueEntry";

/** The column a finding is about: its label, and its id for a program. */
type ColumnFacts = {
  column: string;
  columnId: string;
};

export const COVERAGE_FINDINGS = {
  "no-return-for-column": entry<ColumnFacts & { kind: string }>({
    severity: "error",
    title: "No return for a column",
    description: "A column of the criteria has no return of its kind.",
    tags: ["coverage"],
    message: (p) => `No ${p.kind} return was given, so the "${p.column}" column cannot be computed.`,
    fix: (p) => `Add the ${p.kind} return, or remove the column from the criteria.`,
  }),
  "missing-months": entry<{ months: readonly string[]; from: string; to: string }>({
    severity: "warning",
    title: "Months without rows",
    description: "Months of a period have no rows: the return may stop early.",
    tags: ["coverage", "dates"],
    message: (p) =>
      `No rows for ${listNames(p.months, 8)} inside the period ${p.from} to ${p.to}, though there are rows before and after: the return may miss months.`,
    fix: () => "Ask the partner for the missing months, or confirm there were no incidents.",
  }),
  "outside-coverage": entry<ColumnFacts & { district: string; districtCode: string; area: string; kind: string; elsewhere?: string }>({
    severity: "error",
    title: "District outside the dataset's coverage",
    description: "A national dataset does not cover the district's country.",
    tags: ["coverage"],
    message: (p) =>
      `${p.district} (${p.districtCode}) is outside ${p.area}: the ${p.kind} cover ${p.area} only, so the "${p.column}" column cannot be computed for it.`,
    fix: (p) =>
      p.elsewhere ?? `Remove the "${p.column}" column from the criteria, or give an equivalent dataset for the district's own country.`,
  }),
  "no-data-for-district": entry<ColumnFacts & { kind: string; district: string }>({
    severity: "error",
    title: "No rows for the district",
    description: "A column's returns have no rows for the district at all.",
    tags: ["coverage"],
    message: (p) => `The ${p.kind} returns have no rows for ${p.district}, so the "${p.column}" column would flag no ward.`,
    fix: () => "Check that the return covers the district (and that the lookup is of the same vintage as its codes).",
  }),
  "no-data-in-period": entry<
    ColumnFacts & { kind: string; district: string; period: string } & ({ elsewhere: true } | { elsewhere: false; span: string })
  >({
    severity: "error",
    title: "No rows in the period",
    description: "A column's returns have no rows in its period, so every ward would show no flag.",
    tags: ["coverage", "dates"],
    message: (p) =>
      p.elsewhere
        ? `No ${p.kind} return covers ${p.district}: the returns given have rows in ${p.period}, but all of them in other districts, so the "${p.column}" column has no data for it.`
        : `The "${p.column}" column counts ${p.period}, but its ${p.kind} returns have no rows for ${p.district} in that period (${p.span}). Every ward would show no flag.`,
    fix: (p) =>
      p.elsewhere
        ? `Give ${p.district}'s own ${p.kind} return, or build only the districts the returns cover.`
        : "Use criteria whose periods match the returns (write new ones for the latest month), or give returns for the criteria's period.",
  }),
  "filter-matches-nothing": entry<ColumnFacts & { kind: string; period: string }>({
    severity: "error",
    title: "Filter matches nothing",
    description: "A column's filter matches no row of its returns in its period, so it would flag no ward.",
    tags: ["coverage"],
    message: (p) =>
      `The "${p.column}" column's filter matches no row of its ${p.kind} returns in ${p.period}, so every ward would show no flag: a filter value may be misspelt, or the returns word it differently.`,
    fix: () => "Check the filter's values against the values in the returns (the findings list values no category matched).",
  }),
  "overlapping-returns": entry<ColumnFacts & { pairs: readonly string[]; allowed: boolean }>({
    severity: "error",
    otherwise: { severity: "info", when: "the user said the returns are meant to be summed" },
    title: "Returns overlap",
    description: "Two returns feeding one column have rows in the same part of its period, so the same incidents may be counted twice.",
    tags: ["coverage", "duplicates"],
    message: (p) =>
      `The "${p.column}" column is fed by returns with rows in the same part of its period (${listNames(p.pairs, 3)}): summed, the same incidents may be counted twice.${p.allowed ? " They are summed, as asked." : ""}`,
    fix: (p) =>
      p.allowed
        ? "Nothing to do if they hold different incidents."
        : "Give each source once (remove a repeated file, or the extract that the download already covers); if they hold different incidents and are meant to be summed, say so.",
  }),
  "period-not-covered": entry<
    ColumnFacts & {
      kind: string;
      period: string;
      /** The months missing, as words ("Feb 2019") and as YYYY-MM for a program. */
      missing: readonly string[];
      months: readonly string[];
      why: string;
    }
  >({
    severity: "error",
    title: "Period not covered",
    description:
      "A column's returns miss months of its period: a monthly source lacks a month, or an incident list starts or stops more than a month inside it.",
    tags: ["coverage", "dates"],
    message: (p) =>
      `The "${p.column}" column counts ${p.period}, but its ${p.kind} returns have no rows for ${plural(p.missing.length, "month")} of it (${listNames(p.missing, 8)}): ${p.why}. Counts over the period would be too low, and flags missed.`,
    fix: () =>
      "Give the missing months (the full download, or the partner's whole return), or use criteria whose periods match the returns.",
  }),
  "unknown-offence": entry<{ offence: string; rows: readonly number[]; count: number }>({
    severity: "error",
    title: "Offence not in the Crime Harm Index",
    description: "An offence title or code is not in the CHI table, so it is not weighted.",
    tags: ["harm"],
    message: (p) =>
      `"${p.offence}" (rows ${p.rows.slice(0, 5).join(", ")}${p.rows.length > 5 ? "…" : ""}) is not in the Crime Harm Index table, so its ${p.count} offences are not weighted.`,
    fix: () => "Check the title or Home Office code, or give the full Crime Harm Index table.",
  }),
};
