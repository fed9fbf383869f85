/* `riskmatrix build`: Table 4 for one district or many, printed, written and compared. */
import { comparisonRows, comparisonText, hasErrors, listNames, matrixText, plural, reasonsText } from "../app/present";
import { fileBytes, ReadBudget } from "../io/readFiles";
import { checkOutput } from "../io/outputPath";
import { InputError, UsageError } from "../common/errors";
import { writeCountyWorkbook, writeTable4 } from "../io/writeTable4";
import { parseArgs, single, singleLine } from "./args";
import { buildTable4, districtsNotCompared, highWards } from "../app/table4";
import { table4Report } from "../app/reports";
import { fixForCli } from "./cliRemedies";
import * as fs from "fs";
import * as path from "path";
import { wardMapSvg, type Boundaries, type WardMap, type WardMapOptions } from "../app/wardMap";
import { readBoundaryFile } from "../app/boundaryFile";
import { mapPicture } from "../io/mapPicture";
import { writeFileAtomically } from "../io/saveWorkbook";
import { table4Docx } from "../io/writeReportDocx";
import type { Matrix } from "../engine/matrix/matrix";

import type { Output } from "./output";
import { formatFindings, summaryLine, districtsLeftOutText } from "./output";
import { loadCriteria, loadLookups, parseMaps, loadEarlier, loadInputs, endMonth, thisMonth, filesRead, loadPopulation } from "./inputs";

export async function runBuild(argv: readonly string[], io: Output): Promise<number> {
  const budget = new ReadBudget();
  const args = parseArgs(
    argv,
    [
      "lookup",
      "criteria",
      "district",
      "out",
      "map",
      "compiled",
      "marking",
      "end",
      "compare",
      "population",
      "boundaries",
      "map-svg",
      "map-png",
      "map-column",
      "map-figure",
      "docx",
    ],
    ["json", "allow-partial", "allow-overlap", "all-districts", "replace"],
  );
  const criteriaArg = single(args, "criteria");
  const out = single(args, "out");
  if (out !== undefined) checkOutput(out, "--out", [".xlsx"], filesRead(args, criteriaArg), args.flags.has("replace"));
  const boundaries = single(args, "boundaries");
  const mapSvg = single(args, "map-svg");
  const mapPng = single(args, "map-png");
  const docx = single(args, "docx");
  if ((mapSvg || mapPng) && !boundaries)
    throw new UsageError("--map-svg and --map-png draw the wards from --boundaries FILE (the ONS ward boundaries, GeoJSON or shapefile).");
  const mapColumn = singleLine(args, "map-column");
  const mapFigure = singleLine(args, "map-figure");
  if (mapColumn && mapFigure) throw new UsageError("Give --map-column LABEL (its flags) or --map-figure LABEL (its figures), not both.");
  if ((mapColumn || mapFigure) && !boundaries)
    throw new UsageError("--map-column and --map-figure shade the ward map drawn from --boundaries FILE.");
  const shadeBy = mapColumn
    ? { label: mapColumn, by: "flag" as const }
    : mapFigure
      ? { label: mapFigure, by: "figure" as const }
      : undefined;
  if (boundaries && !(out || docx || mapSvg || mapPng))
    throw new UsageError("--boundaries FILE draws the ward map into --out, --docx, --map-svg FILE.svg or --map-png FILE.png: give one.");
  for (const [file, option, extension] of [
    [mapSvg, "--map-svg", ".svg"],
    [mapPng, "--map-png", ".png"],
    [docx, "--docx", ".docx"],
  ] as const)
    if (file !== undefined) checkOutput(file, option, [extension], filesRead(args, criteriaArg), args.flags.has("replace"));
  const marking = singleLine(args, "marking");
  const compiled = singleLine(args, "compiled");
  const criteria = criteriaArg ? loadCriteria(criteriaArg) : undefined;
  const lookups = await loadLookups(args.options.get("lookup") ?? [], budget);
  const map = parseMaps(args.options.get("map") ?? []);
  if (args.positionals.length === 0) throw new UsageError("Name at least one return file (or a folder of them).");
  const districts = args.options.get("district") ?? [];
  const allDistricts = args.flags.has("all-districts");
  if (allDistricts && districts.length) throw new UsageError("Give --district NAME... or --all-districts, not both.");
  if (allDistricts && !lookups.length)
    throw new UsageError("--all-districts needs the ONS LSOA-to-ward lookup (--lookup FILE) to know the districts.");
  const end = endMonth(args);
  const compare = single(args, "compare");
  const earlier = compare ? await loadEarlier(compare, budget) : undefined;
  const populationFile = single(args, "population");
  const population = populationFile ? await loadPopulation(populationFile, budget) : undefined;
  const inputs = await loadInputs(args.positionals, budget);
  const outcome = buildTable4({
    inputs,
    lookups,
    criteria,
    districts,
    allDistricts,
    end,
    today: thisMonth(),
    map,
    compiled,
    allowPartial: args.flags.has("allow-partial"),
    allowOverlap: args.flags.has("allow-overlap"),
    earlier,
    population,
  });
  if (!outcome.ok) throw new InputError(outcome);
  const json = args.flags.has("json");
  const tables = outcome.tables;
  const built = tables.filter((t) => t.result.matrix);
  const errors = tables.some((t) => hasErrors(t.result.findings));
  if (built.length < tables.length) {
    if (json) io.out(JSON.stringify(table4Report(tables, fixForCli, outcome.districtsLeftOut), null, 2));
    else {
      for (const t of tables.filter((x) => !x.result.matrix)) {
        if (tables.length > 1) io.err(`\n== ${t.district}`);
        io.err(formatFindings(t.result.findings));
      }
      const which =
        tables.length === 1
          ? "No matrix was built"
          : `No matrix was built for ${listNames(tables.filter((t) => !t.result.matrix).map((t) => t.district))}`;
      io.err(
        `\n${which}: ${summaryLine(tables.flatMap((t) => t.result.findings))}. Fix the errors above (or use --allow-partial to build from the rows that are fine, with columns lacking data shown as "no data"). Nothing was written.`,
      );
    }
    return 1;
  }
  const matrices = built.map((t) => t.result.matrix!);
  if (docx && matrices.length !== 1) throw new UsageError("--docx writes one district's report: give --district NAME.");
  // The map is drawn before anything is written, so a boundary file that cannot be used leaves nothing half-made.
  const wardMap = boundaries ? await drawMap(matrices, boundaries, { marking, column: shadeBy }, io) : undefined;
  const picture = wardMap && (out || docx || mapPng) ? mapPicture(wardMap.svg) : undefined;
  if (out) {
    const written = built.map((t) => ({ matrix: t.result.matrix!, changes: t.comparison && comparisonRows(t.comparison) }));
    if (written.length === 1) await writeTable4({ ...written[0], map: picture }, out, { marking });
    else await writeCountyWorkbook(written, highWards(matrices), out, { marking });
  }
  if (mapSvg && wardMap) await writeFile(mapSvg, wardMap.svg, `the ward map to ${mapSvg}`, io);
  if (mapPng && picture) await writeFile(mapPng, picture.png, `the ward map to ${mapPng}`, io);
  if (docx) await writeFile(docx, await table4Docx(matrices[0], { marking, map: picture }), `the report to ${docx}`, io);
  const notCompared = compare ? districtsNotCompared(tables) : [];
  if (json) {
    const report = table4Report(tables, fixForCli, outcome.districtsLeftOut);
    // What the map could not draw is part of the answer, as the map and the terminal say it.
    const map = wardMap && {
      drawn: wardMap.drawn,
      noBoundary: wardMap.missing,
      matchedByName: wardMap.byName,
      nameShared: wardMap.ambiguous,
      drawnInPart: wardMap.damaged,
    };
    io.out(JSON.stringify(map ? { ...report, map } : report, null, 2));
  } else {
    for (const t of tables) {
      if (tables.length > 1) io.out(`\n== ${t.district}`);
      io.out(matrixText(t.result.matrix!));
      io.out(`\n${reasonsText(t.result.matrix!)}`);
      if (t.comparison) io.out(`\n${comparisonText(t.comparison)}`);
      const shown = t.result.findings.filter((f) => f.severity !== "info");
      if (shown.length) io.err(`\n${formatFindings(shown)}`);
    }
    if (notCompared.length)
      io.err(
        `\nNot compared: ${compare} holds no Table 4 on a sheet named ${listNames(notCompared)}, so ${notCompared.length === 1 ? "it was" : "they were"} not compared.`,
      );
    const leftOut = districtsLeftOutText(outcome.districtsLeftOut);
    if (leftOut) io.err(`\n${leftOut}`);
    if (tables.length > 1) {
      const high = highWards(matrices);
      io.out(`\nHigh risk wards: ${high.length ? high.map((h) => `${h.ward} (${h.district})`).join(", ") : "none"}`);
    }
    const all = tables.flatMap((t) => t.result.findings);
    const returns = tables[0].result.returns.filter((r) => !r.derivedFrom).length;
    io.err(
      `\nChecked ${plural(returns, "return")}: ${summaryLine(all)}.${errors ? " Built from the rows that are fine (--allow-partial): the matrix is incomplete." : ""}`,
    );
    if (out) io.err(`Wrote ${out}`);
  }
  return errors ? 1 : 0;
}

async function writeFile(file: string, content: string | Uint8Array, what: string, io: Output): Promise<void> {
  await writeFileAtomically(file, content);
  io.err(`Wrote ${what}.`);
}

/** The boundaries in a file the user gave, with a shapefile's other parts read from beside it. */
async function loadBoundaries(file: string): Promise<Boundaries> {
  const stem = file.replace(/\.[^./\\]+$/, "");
  const part = (extension: string) => {
    const sibling = [stem + extension, stem + extension.toUpperCase()].find((f) => fs.existsSync(f));
    return sibling ? fileBytes(sibling) : undefined;
  };
  const read = await readBoundaryFile(path.basename(file), fileBytes(file), part);
  if (!read.ok) throw new InputError(read);
  return read;
}

/** The ward map of one district's Table 4; what could not be drawn is said. */
async function drawMap(
  matrices: readonly Matrix[],
  boundaries: string,
  options: Omit<WardMapOptions, "source">,
  io: Output,
): Promise<WardMap> {
  if (matrices.length !== 1) throw new UsageError("--boundaries draws one district's wards: give --district NAME.");
  const read = await loadBoundaries(boundaries);
  const map = wardMapSvg(matrices[0], read.shapes, read.year, { ...options, source: path.basename(boundaries) });
  if (!map.ok) throw new InputError(map);
  io.err(`Ward map: ${map.drawn} of ${matrices[0].rows.length} wards drawn.`);
  if (map.missing.length) io.err(`No boundary for ${listNames(map.missing)} in ${path.basename(boundaries)}: not drawn (the map says so).`);
  if (map.byName.length) io.err(`Matched by name, not code (boundaries of another year than the lookup): ${listNames(map.byName)}.`);
  if (map.damaged.length)
    io.err(`Drawn in part: ${listNames(map.damaged)}, whose shapes hold coordinates that could not be read (the map says so).`);
  if (map.ambiguous.length)
    io.err(
      `Not drawn: ${listNames(map.ambiguous)}, a name several wards in ${path.basename(boundaries)} share. Give criteria with ward codes (from the ONS lookup) to draw them.`,
    );
  return map;
}
