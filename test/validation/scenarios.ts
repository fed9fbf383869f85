/*
 * The findings no single partner file can show (they need a build, a lookup of another census,
 * a district outside a dataset's coverage...), each produced by a small in-memory scenario.
 * With the file corpus, these must produce every code of the catalogue.
 */
import { Cell, SheetData } from "../../src/engine/read/cells";
import { builtInCriteria, Criteria, CriteriaSpec } from "../../src/engine/rules/criteria";
import { Finding } from "../../src/engine/findings/findings";
import { AnyLookup, readLookup } from "../../src/engine/geography/lookups";
import { harmReport, HarmTable } from "../../src/engine/harm/harm";
import { buildFromInputs, checkInputs, InputFile, PipelineOptions } from "../../src/engine/matrix/pipeline";
import { OUTCOMES_HEADERS, POLICE_UK_HEADERS } from "../../src/bench/policeUk";
import { table4FromSheets } from "../../src/app/openWorkbook";

const sheet = (rows: Cell[][], name = "Sheet1", file = "scenario.csv"): SheetData => ({ file, sheet: name, rows });
const input = (rows: Cell[][], kind?: string, file = "scenario.csv"): InputFile => ({ file, kind, sheets: [sheet(rows, "Sheet1", file)] });

function lookup(rows: Cell[][]): AnyLookup {
  const r = readLookup(sheet(rows, "Lookup", "lookup.csv"));
  if (!r.ok) throw new Error(r.message);
  return r.lookup;
}

const LOOKUP_2021 = () =>
  lookup([
    ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
    ["E01040001", "A 001A", "E05000001", "North", "E07000001", "Testshire"],
    ["E01040002", "A 001B", "E05000002", "South", "E07000001", "Testshire"],
    ["E01040003", "A 001C", "E05000003", "East", "E07000001", "Testshire"],
    ["E01040009", "B 001A", "E05000009", "Elsewhere", "E07000002", "Othershire"],
  ]);

/** E01000001 (2011) split into two 2021 LSOAs in different wards; E01000002 became E01040003. */
const CHANGES = () =>
  lookup([
    ["LSOA11CD", "LSOA21CD", "CHGIND"],
    ["E01000001", "E01040001", "S"],
    ["E01000001", "E01040002", "S"],
    ["E01000002", "E01040003", "U"],
  ]);

function criteria(columns: CriteriaSpec["columns"], district?: CriteriaSpec["district"]): Criteria {
  return builtInCriteria({ district, columns }, "scenario");
}

const FIRES_2024 = (period = { from: "2024-01", to: "2024-12" }) =>
  criteria([{ id: "fires", label: "Deliberate fires", kind: "fires", rule: ">=20", period }]);
const IMD = () =>
  criteria([
    { id: "imd", label: "IMD", kind: "imd", geography: "lsoa", measure: { aggregate: "min", field: "decile" }, rule: "decile<=3" },
  ]);
const FIRES = ["Date", "Cause", "Ward"];

const check = (inputs: InputFile[], options: PipelineOptions) => checkInputs(inputs, options).findings;
const build = (inputs: InputFile[], options: PipelineOptions) => buildFromInputs(inputs, options).findings;

export const SCENARIOS: { name: string; codes: string[]; run: () => Finding[] }[] = [
  {
    name: "a kind no return has",
    codes: ["unknown-kind"],
    run: () => check([input([FIRES], "nonsense")], { criteria: FIRES_2024(), district: "Testshire", lookups: [LOOKUP_2021()] }),
  },
  {
    name: "a data.police.uk outcomes file beside the crimes",
    codes: ["file-not-used"],
    run: () =>
      check(
        [
          input(
            [OUTCOMES_HEADERS, ["abc", "2024-01", "X", "X", "", "", "", "E01040001", "A", "Unable to prosecute"]],
            undefined,
            "2024-01-x-outcomes.csv",
          ),
        ],
        { criteria: FIRES_2024(), district: "Testshire", lookups: [LOOKUP_2021()] },
      ),
  },
  {
    name: "a header mapping naming a field the kind lacks",
    codes: ["bad-map"],
    run: () =>
      check([input([FIRES, ["01/03/2024", "Deliberate", "North"]], "fires")], {
        criteria: FIRES_2024(),
        district: "Testshire",
        lookups: [LOOKUP_2021()],
        map: { fires: { colour: "Colour" } },
      }),
  },
  {
    name: "data.police.uk rows with no location",
    codes: ["excluded-rows"],
    run: () =>
      check(
        [
          input(
            [
              POLICE_UK_HEADERS,
              ["a1", "2024-01", "Force", "Force", "0.1", "52.1", "On or near X", "E01040001", "A 001A", "Burglary", "", ""],
              ["a2", "2024-01", "Force", "Force", "", "", "No Location", "", "", "Burglary", "", ""],
            ],
            "police-uk",
          ),
        ],
        { criteria: FIRES_2024(), district: "Testshire", lookups: [LOOKUP_2021()] },
      ),
  },
  {
    name: "a row with neither ward nor LSOA",
    codes: ["missing-area"],
    run: () =>
      check(
        [
          input(
            [
              ["Date", "Offence", "Ward", "LSOA"],
              ["01/03/2024", "Burglary", "North", ""],
              ["02/03/2024", "Burglary", "", ""],
            ],
            "police-crime",
          ),
        ],
        { criteria: FIRES_2024(), district: "Testshire", lookups: [LOOKUP_2021()] },
      ),
  },
  {
    name: "a village not in the village lookup",
    codes: ["unknown-village"],
    run: () =>
      check(
        [
          input(
            [
              ["Date", "Village"],
              ["01/03/2024", "Nowhere"],
            ],
            "council-asb",
          ),
        ],
        {
          criteria: FIRES_2024(),
          district: "Testshire",
          lookups: [
            lookup([
              ["Village", "Ward"],
              ["Upton", "North"],
            ]),
          ],
        },
      ),
  },
  {
    name: "2011 LSOAs, one split between wards, placed through the change lookup",
    codes: ["split-lsoa"],
    run: () =>
      check(
        [
          input(
            [
              ["Month", "LSOA", "Claims"],
              ["Jan 2024", "E01000001", 5],
              ["Jan 2024", "E01000002", 4],
            ],
            "benefits",
          ),
        ],
        { criteria: FIRES_2024(), district: "Testshire", lookups: [LOOKUP_2021(), CHANGES()] },
      ),
  },
  {
    name: "2011 LSOAs against a 2021 lookup, without the change lookup",
    codes: ["lsoa-vintage"],
    run: () =>
      check(
        [
          input(
            [
              ["Month", "LSOA", "Claims"],
              ["Jan 2024", "E01000002", 4],
            ],
            "benefits",
          ),
        ],
        { criteria: FIRES_2024(), district: "Testshire", lookups: [LOOKUP_2021()] },
      ),
  },
  {
    name: "no district named, and a lookup of two",
    codes: ["no-district"],
    run: () =>
      check([input([FIRES, ["01/03/2024", "Deliberate", "North"]], "fires")], { criteria: FIRES_2024(), lookups: [LOOKUP_2021()] }),
  },
  {
    name: "a district no lookup or return names",
    codes: ["no-wards"],
    run: () =>
      check(
        [
          input(
            [
              ["LSOA code", "IMD decile"],
              ["E01040001", 2],
            ],
            "imd",
          ),
        ],
        { criteria: IMD(), district: "Nowhere", lookups: [] },
      ),
  },
  {
    name: "wards taken from the returns, two a letter apart",
    codes: ["similar-ward-names"],
    run: () =>
      check([input([FIRES, ["01/03/2024", "Deliberate", "Cottenham"], ["02/03/2024", "Deliberate", "Cotenham"]], "fires")], {
        criteria: FIRES_2024(),
        district: "Testshire",
        lookups: [],
      }),
  },
  {
    name: "a column of the criteria with no return",
    codes: ["no-return-for-column"],
    run: () =>
      build([input([FIRES, ["01/03/2024", "Deliberate", "North"]], "fires")], {
        criteria: criteria([
          ...FIRES_2024().spec.columns,
          { id: "asb", label: "ASB", kind: "council-asb", rule: ">=6", period: { from: "2024-01", to: "2024-12" } },
        ]),
        district: "Testshire",
        lookups: [LOOKUP_2021()],
      }),
  },
  {
    name: "the Indices of Deprivation for a Welsh district",
    codes: ["outside-coverage"],
    run: () =>
      build(
        [
          input(
            [
              ["LSOA code", "IMD decile"],
              ["W01000001", 2],
            ],
            "imd",
          ),
        ],
        {
          criteria: IMD(),
          district: "Cymru",
          lookups: [
            lookup([
              ["LSOA21CD", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
              ["W01000001", "W05000001", "Canol", "W06000001", "Cymru"],
            ]),
          ],
        },
      ),
  },
  {
    name: "a national dataset with no row in the district",
    codes: ["no-data-for-district"],
    run: () =>
      build(
        [
          input(
            [
              ["LSOA code", "IMD decile"],
              ["E01040009", 2],
            ],
            "imd",
          ),
        ],
        { criteria: IMD(), district: "Testshire", lookups: [LOOKUP_2021()] },
      ),
  },
  {
    name: "last year's returns against this year's criteria",
    codes: ["no-data-in-period"],
    run: () =>
      build([input([FIRES, ["01/03/2023", "Deliberate", "North"]], "fires")], {
        criteria: FIRES_2024(),
        district: "Testshire",
        lookups: [LOOKUP_2021()],
      }),
  },
  {
    name: "returns covering a quarter of a year's criteria",
    codes: ["period-not-covered"],
    run: () =>
      build([input([FIRES, ...["01/01/2024", "01/02/2024", "01/03/2024"].map((d) => [d, "Deliberate", "North"])], "fires")], {
        criteria: FIRES_2024(),
        district: "Testshire",
        lookups: [LOOKUP_2021()],
      }),
  },
  {
    name: "an incident list with a quiet month inside its period",
    codes: ["missing-months"],
    run: () =>
      build(
        [
          input(
            [
              FIRES,
              ...Array.from({ length: 12 }, (_, m) => m)
                .filter((m) => m !== 5)
                .map((m) => [`15/${String(m + 1).padStart(2, "0")}/2024`, "Deliberate", "North"]),
            ],
            "fires",
          ),
        ],
        { criteria: FIRES_2024(), district: "Testshire", lookups: [LOOKUP_2021()] },
      ),
  },
  {
    name: "an incident list that stops more than a month before its period ends",
    codes: ["period-not-covered"],
    run: () =>
      build([input([FIRES, ...["05/01/2024", "10/06/2024", "20/11/2024"].map((d) => [d, "Deliberate", "North"])], "fires")], {
        criteria: FIRES_2024(),
        district: "Testshire",
        lookups: [LOOKUP_2021()],
      }),
  },
  {
    name: "one fire return given twice, and a second fire return over the same months",
    codes: ["repeated-input", "overlapping-returns"],
    run: () => {
      const rows = [FIRES, ...Array.from({ length: 12 }, (_, m) => [`15/${String(m + 1).padStart(2, "0")}/2024`, "Deliberate", "North"])];
      const other = [FIRES, ...Array.from({ length: 12 }, (_, m) => [`16/${String(m + 1).padStart(2, "0")}/2024`, "Deliberate", "South"])];
      return build([input(rows, "fires", "fires.csv"), input(rows, "fires", "fires (1).csv"), input(other, "fires", "station-2.csv")], {
        criteria: FIRES_2024(),
        district: "Testshire",
        lookups: [LOOKUP_2021()],
      });
    },
  },
  {
    name: "a fire sheet chosen in the pane for the police crime column",
    codes: ["wrong-kind-sheet"],
    run: () => {
      const r = table4FromSheets({
        criteria: { columns: [{ id: "crime", label: "Crime", kind: "police-crime", rule: ">=1" }] },
        sources: { crime: "Fires" },
        sheets: { Fires: sheet([FIRES, ["15/01/2024", "Deliberate", "North"]], "Fires") },
      });
      return r.ok ? r.result.findings : [];
    },
  },
  {
    name: "a county-wide list naming a ward two districts share, without a district column",
    codes: ["ambiguous-ward"],
    run: () =>
      build(
        [
          input(
            [
              FIRES,
              ...Array.from({ length: 12 }, (_, m) => [`15/${String(m + 1).padStart(2, "0")}/2024`, "Deliberate", "North"]),
              ["15/03/2024", "Deliberate", "Elsewhere"],
              ["15/03/2024", "Deliberate", "North"],
            ],
            "fires",
          ),
        ],
        {
          criteria: FIRES_2024(),
          district: "Testshire",
          lookups: [
            lookup([
              ["LSOA21CD", "LSOA21NM", "WD24CD", "WD24NM", "LAD24CD", "LAD24NM"],
              ["E01040001", "A 001A", "E05000001", "North", "E07000001", "Testshire"],
              ["E01040008", "B 001B", "E05000008", "North", "E07000002", "Othershire"],
              ["E01040009", "B 001A", "E05000009", "Elsewhere", "E07000002", "Othershire"],
            ]),
          ],
        },
      ),
  },
  {
    name: "a column's filter matching no row of its period",
    codes: ["filter-matches-nothing"],
    run: () =>
      build(
        [
          input(
            [FIRES, ...Array.from({ length: 12 }, (_, m) => [`15/${String(m + 1).padStart(2, "0")}/2024`, "Deliberate", "North"])],
            "fires",
          ),
        ],
        {
          criteria: criteria([
            {
              id: "accidental",
              label: "Accidental fires",
              kind: "fires",
              filter: { cause: "Accidental" },
              rule: ">=1",
              period: { from: "2024-01", to: "2024-12" },
            },
          ]),
          district: "Testshire",
          lookups: [LOOKUP_2021()],
        },
      ),
  },
  {
    name: "LSOA lookups of two ward years given together",
    codes: ["lookup-vintages"],
    run: () =>
      check([input([FIRES, ["15/01/2024", "Deliberate", "North"]], "fires")], {
        criteria: FIRES_2024(),
        district: "Testshire",
        lookups: [
          LOOKUP_2021(),
          lookup([
            ["LSOA21CD", "LSOA21NM", "WD25CD", "WD25NM", "LAD25CD", "LAD25NM"],
            ["E01040001", "A 001A", "E05000101", "North and East", "E07000001", "Testshire"],
          ]),
        ],
      }),
  },
  {
    name: "a file in a folder that is not a return's type",
    codes: ["file-skipped"],
    run: () => check([{ file: "returns/notes.pdf", sheets: [], skipped: "not a return's file type (.pdf)" }], { criteria: FIRES_2024() }),
  },
  {
    name: "an offence the Crime Harm Index lacks",
    codes: ["unknown-offence"],
    run: () =>
      harmReport(
        sheet([
          ["Offence", "Count"],
          ["Jaywalking", 3],
        ]),
        new HarmTable(),
      ).findings,
  },
];
