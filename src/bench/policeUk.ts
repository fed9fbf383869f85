import * as fs from "fs";
import * as path from "path";
import { formatMonthIso, MonthNumber } from "../engine/read/dates";
import { random } from "./generate";

/** The headers of a data.police.uk street-level crime file, in the published order. */
export const POLICE_UK_HEADERS = [
  "Crime ID",
  "Month",
  "Reported by",
  "Falls within",
  "Longitude",
  "Latitude",
  "Location",
  "LSOA code",
  "LSOA name",
  "Crime type",
  "Last outcome category",
  "Context",
];

/** The headers of a data.police.uk outcomes file: a crime's place, then its outcome. */
export const OUTCOMES_HEADERS = [...POLICE_UK_HEADERS.slice(0, 9), "Outcome type"];

export const CRIME_TYPES = [
  "Violence and sexual offences",
  "Criminal damage and arson",
  "Other theft",
  "Burglary",
  "Vehicle crime",
  "Shoplifting",
  "Public order",
  "Drugs",
  "Other crime",
  "Theft from the person",
  "Possession of weapons",
  "Robbery",
  "Bicycle theft",
];

export interface PoliceUkArea {
  lsoa: string;
  name: string;
  /** Crimes and ASB incidents per month in this LSOA. */
  crimes: number;
  asb: number;
}

export interface PoliceUkOptions {
  force: string;
  slug: string;
  months: MonthNumber[];
  areas: readonly PoliceUkArea[];
  /** Rows per month published without a location (no LSOA). */
  noLocation?: number;
  seed?: number;
}

/** One CSV line, quoting cells that hold a comma, a quote or a line break. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}

/** One month's street-level file as data.police.uk writes it: crimes with IDs, ASB without. */
export function policeUkMonth(options: PoliceUkOptions, month: MonthNumber): string {
  const r = random((options.seed ?? 7) * 1000 + month);
  const m = formatMonthIso(month);
  const lines = [POLICE_UK_HEADERS.join(",")];
  const hex = () =>
    Math.floor(r() * 0xffffffff)
      .toString(16)
      .padStart(8, "0");
  for (const a of options.areas) {
    const lon = (0.1 + r() * 0.2).toFixed(6);
    const lat = (52.1 + r() * 0.3).toFixed(6);
    for (let i = 0; i < a.crimes; i++) {
      lines.push(
        csvLine([
          `${hex()}${hex()}${hex()}${hex()}${hex()}${hex()}${hex()}${hex()}`,
          m,
          options.force,
          options.force,
          lon,
          lat,
          "On or near High Street",
          a.lsoa,
          a.name,
          CRIME_TYPES[i % CRIME_TYPES.length],
          "Investigation complete; no suspect identified",
          "",
        ]),
      );
    }
    for (let i = 0; i < a.asb; i++)
      lines.push(
        csvLine(["", m, options.force, options.force, lon, lat, "On or near Park", a.lsoa, a.name, "Anti-social behaviour", "", ""]),
      );
  }
  for (let i = 0; i < (options.noLocation ?? 0); i++) {
    lines.push(
      csvLine([
        `${hex()}${hex()}${hex()}${hex()}${hex()}${hex()}${hex()}${hex()}`,
        m,
        options.force,
        options.force,
        "",
        "",
        "No Location",
        "",
        "",
        "Other crime",
        "Under investigation",
        "",
      ]),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * A download folder as data.police.uk delivers it: one folder per month holding the street-level
 * file and an outcomes file. Returns the folder.
 */
export function writePoliceUkDownload(dir: string, options: PoliceUkOptions): string {
  for (const month of options.months) {
    const m = formatMonthIso(month);
    const folder = path.join(dir, m);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${m}-${options.slug}-street.csv`), policeUkMonth(options, month));
    fs.writeFileSync(path.join(folder, `${m}-${options.slug}-outcomes.csv`), `${OUTCOMES_HEADERS.join(",")}\r\n`);
  }
  return dir;
}
