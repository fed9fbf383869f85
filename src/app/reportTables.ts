/*
 * The command line's other outputs as tables for a report workbook: the IMD profile by ward and
 * the harm-weighted crime table. Sources are named by their file names only.
 */
import { IMD_MEASURES, ImdProfile } from "../engine/geography/imdProfile";
import type { HarmReport } from "../engine/harm/harm";
import { fileNameOf } from "../engine/read/text";

/** One report's table, as a workbook writes it: numbers stay numbers, "n/a" only where a file lacks a domain. */
export interface ReportTable {
  sheet: string;
  title: string;
  subtitle?: string;
  /** The input files, by their names. */
  sources: string[];
  headers: string[];
  rows: (string | number | null)[][];
  notes: string[];
}

export function imdProfileTable(profile: ImdProfile, sources: readonly string[]): ReportTable {
  return {
    sheet: "IMD profile",
    title: `IMD profile by ward: LSOAs in the ${profile.maxDecile * 10}% most deprived nationally (deciles 1-${profile.maxDecile})`,
    subtitle: profile.district,
    sources: sources.map(fileNameOf),
    headers: ["Ward", "LSOAs", ...IMD_MEASURES.map((m) => m.label)],
    rows: profile.rows.map((r) => [r.ward, r.lsoas, ...IMD_MEASURES.map((m) => r.counts[m.id] ?? "n/a")]),
    notes: ['"n/a": the file does not give that domain\'s deciles.'],
  };
}

export function harmTable(report: HarmReport, source: string, population?: number): ReportTable {
  const rounded = (n: number | undefined) => (n === undefined ? null : Math.round(n * 10) / 10);
  const notes = [
    "Harm is weighed with the Cambridge Crime Harm Index: days of imprisonment per offence.",
    ...(population ? [`Rates per 1,000 of a population of ${population.toLocaleString("en-GB")}.`] : []),
    ...(report.change
      ? [
          `Change from ${report.periods[0].period} to ${report.periods[report.periods.length - 1].period}: crime rate ${report.change.ratePct.toFixed(1)}%, harm-weighted rate ${report.change.harmPct.toFixed(1)}%.`,
        ]
      : []),
    ...report.unknown.map((u) => `Not weighed (not in the index): "${u.offence}", ${u.count.toLocaleString("en-GB")} offences.`),
  ];
  return {
    sheet: "Harm",
    title: "Harm-weighted crime (Cambridge Crime Harm Index)",
    sources: [fileNameOf(source)],
    headers: ["Period", "Offences", "Harm (days)", ...(population ? ["Rate per 1,000", "Harm per 1,000"] : [])],
    rows: report.periods.map((p) => [p.period, p.count, p.harm, ...(population ? [rounded(p.ratePer1000), rounded(p.harmPer1000)] : [])]),
    notes,
  };
}
