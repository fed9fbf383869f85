/**
 * The partner datasets ("returns") the product reads, as data: how each is recognised, read,
 * checked and which matrix columns it feeds. A new kind of return for the matrix is a new entry
 * here and nothing else. Two kinds also have a use of their own and are named by id where it is:
 * `concerns` (officers' notes joined to Table 4) and `imd` (the IMD profile by ward).
 */
export type FieldType =
  | "date" // a day: Excel serial, date value, ISO or UK text
  | "month" // a month: a date, "Apr 2019", "2019-04"
  | "count" // a whole non-negative number; suppressed values ("<5") are reported, never summed
  | "decile" // a whole number from 1 to 10
  | "text"
  | "ward" // a ward name or code
  | "lsoa" // an LSOA code such as E01018226
  | "village"; // a village or parish name

export interface FieldValue {
  /** The canonical value a filter names, e.g. "Deliberate". */
  value: string;
  /** Phrases that identify it inside a cell's text, after normalising. */
  match: string[];
}

export interface FieldDef {
  id: string;
  /** The canonical header, as templates write it. */
  header: string;
  type: FieldType;
  required?: boolean;
  /** Headers accepted exactly (compared after normalising case, spacing and punctuation). */
  synonyms: string[];
  /** Headers accepted by meaning: every phrase of one set appears as whole words. */
  keywords?: string[][];
  /** Phrases that rule a header out even when a keyword set matches ("date of birth"). */
  notKeywords?: string[];
  values?: FieldValue[];
  description: string;
  example: string;
}

export interface ReturnKind {
  id: string;
  label: string;
  partner: string;
  description: string;
  fields: FieldDef[];
  /** At least one field of each group must be present (e.g. Ward or LSOA). */
  oneOf?: string[][];
  /** Headers that are recognised and deliberately not used, so they raise no "unknown column" note. */
  ignoredHeaders?: string[][];
  /**
   * The columns that make a sheet this kind: every kind has date and place columns, so those
   * alone never say which it is. One entry is enough: its field must be found, and where
   * `headerWords` are given its header must hold one of those phrases (or the file or sheet name
   * one of the kind's name hints).
   */
  identifiedBy: { field: string; headerWords?: string[][] }[];
  /** Words in a file or sheet name that settle a tie between kinds with the same headers. */
  nameHints: string[];
  /** Whether it feeds matrix columns (false: it carries officers' notes). */
  data: boolean;
  /** A national or force-wide file: rows of other districts are expected and excluded without a warning. */
  spansDistricts?: boolean;
  /** Field combinations that must not repeat: a repeat would count the same thing twice. */
  unique?: { fields: string[]; severity: "error" | "warning" }[];
  /** For a published download rather than a partner's return: where to get it (no template is written). */
  download?: string;
  /** Where the data exists at all: districts elsewhere get an error naming the coverage, not a column of zeros. */
  coverage?: { districtCodePrefix: string; area: string; elsewhere: Record<string, string> };
  /** Rows with this field blank are excluded and counted in one line, not rejected one by one. */
  excludeRowsWithout?: { field: string; reason: string }[];
  /**
   * Returns of other kinds that this one stands for: rows matching `where` are read as a return
   * of `kind`, each target field taking the value of the source field named in `fields`.
   */
  feeds?: { kind: string; where: RowCondition; fields: Record<string, string> }[];
}

/** A condition on one field's value, compared after normalising: equal to one of, or none of. */
export interface RowCondition {
  field: string;
  in?: string[];
  notIn?: string[];
}

/** Files that come with a download but are not returns: recognised by their headers and skipped. */
export interface KnownOtherFile {
  id: string;
  label: string;
  /** Every one of these headers is present. */
  headers: string[];
  why: string;
}

export const KNOWN_OTHER_FILES: KnownOtherFile[] = [
  {
    id: "police-uk-outcomes",
    label: "data.police.uk outcomes",
    headers: ["crime id", "month", "falls within", "outcome type"],
    why: "outcomes repeat crimes already in the street-level files",
  },
  {
    id: "police-uk-stop-and-search",
    label: "data.police.uk stop and search",
    headers: ["type", "date", "object of search", "legislation"],
    why: "stop and search is not a Table 4 dataset",
  },
];

/** Words of the IoD's supplementary indices and sub-domains, which are not the IMD or its seven domains. */
const SUPPLEMENTARY_INDICES = [
  "affecting",
  "idaci",
  "idaopi",
  "sub domain",
  "subdomain",
  "children and young people",
  "adult skills",
  "geographical barriers",
  "wider barriers",
  "indoors",
  "outdoors",
];

const REFERENCE_UNIQUE = [{ fields: ["reference"], severity: "warning" as const }];

const DATE_NOT = ["birth", "dob", "closed", "close"];

const date = (header = "Date", extra: string[] = []): FieldDef => ({
  id: "date",
  header,
  type: "date",
  required: true,
  synonyms: [
    "date",
    "incident date",
    "date recorded",
    "recorded date",
    "offence date",
    "date of offence",
    "committed date",
    "crime date",
    "date of incident",
    "occurrence date",
    "reported date",
    "date reported",
    "call date",
    "date of call",
    ...extra,
  ],
  keywords: [["date"], ["when"]],
  notKeywords: DATE_NOT,
  description: "The day the incident happened or was recorded.",
  example: "14/03/2019",
});

const ward = (required = false): FieldDef => ({
  id: "ward",
  header: "Ward",
  type: "ward",
  required,
  synonyms: ["ward", "ward name", "ward code", "electoral ward", "wd19nm", "wd19cd", "ward 2019", "wardname"],
  keywords: [["ward"]],
  description: "The electoral ward (name or code, e.g. Histon & Impington or E05011290).",
  example: "Histon & Impington",
});

const lsoa = (required = false): FieldDef => ({
  id: "lsoa",
  header: "LSOA",
  type: "lsoa",
  required,
  synonyms: [
    "lsoa",
    "lsoa code",
    "lsoa11cd",
    "lsoa21cd",
    "lsoa code 2011",
    "lsoa code 2021",
    "lsoa 2011",
    "lsoa 2021",
    "lower layer super output area",
    "lsoa11",
    "lsoa21",
    "lsoa cd",
  ],
  keywords: [["lsoa", "code"], ["lsoa"], ["super", "output", "area"]],
  notKeywords: ["name"],
  description: "The Lower Layer Super Output Area code (E01 or W01 followed by 6 digits), of the same census (2011 or 2021) as the lookup.",
  example: "E01018226",
});

const lsoaName: FieldDef = {
  id: "lsoaName",
  header: "LSOA name",
  type: "text",
  synonyms: ["lsoa name", "lsoa11nm", "lsoa21nm", "lsoa name 2011", "lsoa name 2021"],
  keywords: [["lsoa", "name"]],
  description: "The LSOA's name (for reading only).",
  example: "South Cambridgeshire 019A",
};

const count = (header = "Count", extra: string[] = []): FieldDef => ({
  id: "count",
  header,
  type: "count",
  synonyms: [
    "count",
    "number",
    "no",
    "total",
    "frequency",
    "volume",
    "n",
    "no of offences",
    "number of offences",
    "offences",
    "crimes",
    "no of crimes",
    "number of crimes",
    "incidents",
    "no of incidents",
    "number of incidents",
    "cases",
    "no of cases",
    "number of cases",
    "fires",
    "no of fires",
    "number of fires",
    ...extra,
  ],
  keywords: [["number", "of"], ["no", "of"], ["count"]],
  notKeywords: ["reference", "ref", "phone", "telephone", "house", "date"],
  description: "How many incidents the row stands for, when rows are pre-aggregated. Leave the column out when each row is one incident.",
  example: "3",
});

/** The district of a row: a county-wide or national file's rows are placed in their own district by it. */
const district: FieldDef = {
  id: "district",
  header: "Local Authority District name",
  type: "text",
  synonyms: [
    "local authority district name 2019",
    "local authority district name 2024",
    "lad19nm",
    "lad24nm",
    "district",
    "local authority",
    "district name",
  ],
  keywords: [["local", "authority", "district", "name"]],
  description: "The district (for county-wide and national files).",
  example: "South Cambridgeshire",
};

const reference = (extra: string[] = []): FieldDef => ({
  id: "reference",
  header: "Reference",
  type: "text",
  synonyms: [
    "reference",
    "ref",
    "crime reference",
    "crime ref",
    "crime number",
    "crime no",
    "urn",
    "occurrence number",
    "incident number",
    "incident no",
    "incident ref",
    "case reference",
    "case ref",
    "case number",
    "case no",
    "id",
    ...extra,
  ],
  keywords: [["reference"], ["ref"]],
  description: "The partner's own reference, used to spot duplicated rows.",
  example: "CC/19/004512",
});

export const RETURN_KINDS: ReturnKind[] = [
  {
    id: "police-crime",
    label: "Police recorded crime",
    partner: "Constabulary",
    description: "Recorded offences, one row per offence or pre-aggregated rows with a Count.",
    fields: [
      date(),
      {
        id: "offence",
        header: "Offence",
        type: "text",
        synonyms: [
          "offence",
          "offence type",
          "crime type",
          "offence description",
          "offence title",
          "offence group",
          "home office offence",
          "ho offence",
          "classification",
          "crime category",
          "offence category",
        ],
        keywords: [["offence"], ["crime", "type"]],
        notKeywords: ["date", "number", "no", "count", "reference", "ref"],
        description: "The offence (title or Home Office code).",
        example: "Assault - occasioning actual bodily harm",
      },
      ward(),
      lsoa(),
      lsoaName,
      district,
      count("Count"),
      reference(),
    ],
    oneOf: [["ward", "lsoa"]],
    identifiedBy: [{ field: "offence" }],
    nameHints: ["crime", "offence"],
    data: true,
    unique: REFERENCE_UNIQUE,
  },
  {
    id: "police-asb",
    label: "Police recorded ASB",
    partner: "Constabulary",
    description: "Anti-social behaviour incidents recorded by the police.",
    fields: [
      date(),
      {
        id: "category",
        header: "Category",
        type: "text",
        synonyms: ["category", "asb category", "asb type", "incident type", "type", "asb classification", "classification", "nature"],
        keywords: [["category"], ["type"]],
        notKeywords: ["date", "number", "count"],
        description: "The ASB category (Personal, Nuisance, Environmental).",
        example: "Nuisance",
      },
      ward(),
      lsoa(),
      lsoaName,
      district,
      count("Count"),
      reference(),
    ],
    oneOf: [["ward", "lsoa"]],
    identifiedBy: [{ field: "category", headerWords: [["asb"], ["anti", "social"], ["antisocial"]] }],
    nameHints: ["asb", "anti social", "antisocial", "police asb"],
    data: true,
    unique: REFERENCE_UNIQUE,
  },
  {
    id: "council-asb",
    label: "Council ASB cases",
    partner: "District council (as landlord)",
    description: "ASB cases opened by the district council's housing service, by village.",
    fields: [
      date("Date opened", [
        "date opened",
        "opened",
        "open date",
        "date case opened",
        "case opened",
        "opened date",
        "date received",
        "received",
      ]),
      {
        id: "village",
        header: "Village",
        type: "village",
        required: true,
        synonyms: [
          "village",
          "parish",
          "village parish",
          "village or parish",
          "town village",
          "settlement",
          "community",
          "location",
          "village name",
          "parish name",
          "town",
        ],
        keywords: [["village"], ["parish"]],
        description: "The village or parish of the case.",
        example: "Cottenham",
      },
      ward(),
      {
        id: "category",
        header: "Category",
        type: "text",
        synonyms: ["category", "case type", "asb type", "type"],
        keywords: [["category"], ["type"]],
        notKeywords: ["date"],
        description: "The type of case.",
        example: "Noise",
      },
      count("Count", ["no of cases", "cases opened"]),
      reference(),
      district,
    ],
    identifiedBy: [{ field: "village" }],
    nameHints: ["council", "scdc", "housing", "landlord", "tenancy"],
    data: true,
    unique: REFERENCE_UNIQUE,
  },
  {
    id: "fires",
    label: "Fires",
    partner: "Fire and rescue service",
    description: "Fires attended, with their cause; the matrix counts deliberate fires.",
    fields: [
      date("Date", ["date of fire", "fire date", "date of call", "time of call"]),
      {
        id: "cause",
        header: "Cause",
        type: "text",
        required: true,
        synonyms: ["cause", "cause of fire", "fire cause", "motive", "fire motive", "ignition", "deliberate accidental", "cause category"],
        keywords: [["cause"], ["motive"]],
        values: [
          { value: "Deliberate", match: ["deliberate", "arson", "malicious", "wilful"] },
          { value: "Accidental", match: ["accidental", "accident"] },
          { value: "Unknown", match: ["unknown", "not known", "undetermined", "unspecified"] },
        ],
        description: "Deliberate, Accidental or Unknown.",
        example: "Deliberate",
      },
      ward(),
      lsoa(),
      lsoaName,
      {
        id: "type",
        header: "Incident type",
        type: "text",
        synonyms: ["incident type", "type", "property type", "fire type", "property category"],
        keywords: [["type"], ["property"]],
        notKeywords: ["date"],
        description: "The kind of fire (primary, secondary, vehicle).",
        example: "Secondary fire",
      },
      count("Count", ["deliberate fires"]),
      reference(["incident number", "incident no", "irs reference"]),
      district,
    ],
    oneOf: [["ward", "lsoa"]],
    identifiedBy: [{ field: "cause" }],
    nameHints: ["fire"],
    data: true,
    unique: REFERENCE_UNIQUE,
  },
  {
    id: "benefits",
    label: "Benefit claims",
    partner: "District council (benefits)",
    description: "Claims per LSOA per month.",
    fields: [
      {
        id: "month",
        header: "Month",
        type: "month",
        required: true,
        synonyms: ["month", "period", "claim month", "reporting month", "month year", "date", "month of claim"],
        keywords: [["month"], ["period"], ["date"]],
        notKeywords: DATE_NOT,
        description: "The month of the claim count.",
        example: "Apr 2019",
      },
      lsoa(true),
      lsoaName,
      ward(),
      {
        id: "claims",
        header: "Claims",
        type: "count",
        required: true,
        synonyms: [
          "claims",
          "claim count",
          "claimant count",
          "claimants",
          "number of claims",
          "no of claims",
          "count",
          "caseload",
          "number of claimants",
          "no of claimants",
          "total claims",
        ],
        keywords: [["claims"], ["claimants"], ["claim", "count"], ["claimant", "count"], ["caseload"]],
        description: "The number of claims for that LSOA in that month.",
        example: "42",
      },
    ],
    identifiedBy: [{ field: "claims" }],
    nameHints: ["benefit", "claim"],
    data: true,
    unique: [{ fields: ["lsoa", "month"], severity: "error" }],
  },
  {
    id: "police-uk",
    label: "data.police.uk street-level crime",
    partner: "data.police.uk (published)",
    description:
      "The street-level crime download as published: one CSV per force per month, crimes and anti-social behaviour together. Feeds both police columns.",
    fields: [
      {
        id: "month",
        header: "Month",
        type: "month",
        required: true,
        synonyms: ["month"],
        description: "The month of the crime (YYYY-MM); data.police.uk publishes no day.",
        example: "2019-04",
      },
      {
        id: "crimeType",
        header: "Crime type",
        type: "text",
        required: true,
        synonyms: ["crime type"],
        description: "The data.police.uk category, e.g. Burglary, or Anti-social behaviour.",
        example: "Burglary",
      },
      {
        id: "fallsWithin",
        header: "Falls within",
        type: "text",
        required: true,
        synonyms: ["falls within"],
        description: "The force whose area the crime falls within.",
        example: "Cambridgeshire Constabulary",
      },
      lsoa(),
      lsoaName,
      {
        id: "location",
        header: "Location",
        type: "text",
        synonyms: ["location"],
        description: "The anonymised street, or No Location.",
        example: "On or near Parking Area",
      },
      { ...reference(["crime id"]), synonyms: ["crime id"] },
    ],
    ignoredHeaders: [["reported", "by"], ["longitude"], ["latitude"], ["last", "outcome", "category"], ["context"]],
    identifiedBy: [{ field: "fallsWithin" }],
    nameHints: ["street", "police uk"],
    download:
      'data.police.uk/data: choose the force and the months, tick "Include crime data", and give the downloaded folder or .zip as it is',
    data: true,
    spansDistricts: true,
    unique: REFERENCE_UNIQUE,
    excludeRowsWithout: [{ field: "lsoa", reason: 'have no location (data.police.uk publishes them as "No Location")' }],
    feeds: [
      {
        kind: "police-crime",
        where: { field: "crimeType", notIn: ["Anti-social behaviour"] },
        fields: { date: "month", offence: "crimeType", lsoa: "lsoa", lsoaName: "lsoaName", reference: "reference" },
      },
      {
        kind: "police-asb",
        where: { field: "crimeType", in: ["Anti-social behaviour"] },
        fields: { date: "month", category: "crimeType", lsoa: "lsoa", lsoaName: "lsoaName" },
      },
    ],
  },
  {
    id: "imd",
    label: "Indices of Deprivation",
    partner: "Ministry of Housing, Communities and Local Government (published)",
    description: "IMD and domain deciles per LSOA: the official IoD2019 File 1 or File 2, or a simple LSOA / decile sheet.",
    fields: [
      lsoa(true),
      lsoaName,
      ward(),
      district,
      {
        id: "decile",
        header: "IMD decile",
        type: "decile",
        required: true,
        synonyms: [
          "imd decile",
          "decile",
          "imd 2019 decile",
          "imd19 decile",
          "imd 2025 decile",
          "imd25 decile",
          "national decile",
          "imd decile 1 most deprived",
        ],
        keywords: [
          ["multiple", "deprivation", "decile"],
          ["imd", "decile"],
        ],
        notKeywords: SUPPLEMENTARY_INDICES,
        description: "Index of Multiple Deprivation decile (1 = the most deprived 10% of LSOAs nationally).",
        example: "3",
      },
      ...(
        [
          ["income", "Income decile", ["income", "decile"]],
          ["employment", "Employment decile", ["employment", "decile"]],
          ["education", "Education, Skills and Training decile", ["education", "decile"]],
          ["health", "Health Deprivation and Disability decile", ["health", "decile"]],
          ["crime", "Crime decile", ["crime", "decile"]],
          ["housing", "Barriers to Housing and Services decile", ["barriers", "decile"]],
          ["living", "Living Environment decile", ["living", "environment", "decile"]],
        ] as const
      ).map(([id, header, words]): FieldDef => ({
        id,
        header,
        type: "decile",
        synonyms: [header],
        keywords: [[...words]],
        // File 7 also has deciles of the supplementary indices and of sub-domains, whose names
        // share words with the domains ("Income Deprivation Affecting Children Index (IDACI)
        // Decile", "Geographical Barriers Sub-domain Decile"): those are other measures.
        notKeywords: SUPPLEMENTARY_INDICES,
        description: `${header} (1 = the most deprived 10%).`,
        example: "5",
      })),
    ],
    ignoredHeaders: [["rank"], ["score"], ["local", "authority", "district", "code"], ["lad19cd"], ["lad24cd"], ["population"], ["decile"]],
    identifiedBy: [{ field: "decile" }],
    nameHints: ["imd", "deprivation", "iod"],
    data: true,
    spansDistricts: true,
    coverage: {
      districtCodePrefix: "E",
      area: "England",
      elsewhere: {
        W: "Partners in Wales use the Welsh Index of Multiple Deprivation (WIMD), which ranks Welsh LSOAs in the same way; give a WIMD sheet of LSOA and decile as the imd return.",
      },
    },
    unique: [{ fields: ["lsoa"], severity: "error" }],
  },
  {
    id: "concerns",
    label: "Professional concern",
    partner: "Tasking & Co-ordination Group",
    description: "Officers' notes per ward: the concern raised and the priority heading. Carried into the matrix, never computed.",
    fields: [
      ward(true),
      {
        id: "concern",
        header: "Professional concern raised",
        type: "text",
        required: true,
        synonyms: ["professional concern raised", "professional concern", "concern", "concerns", "concern raised", "comments"],
        keywords: [["concern"]],
        description: "What officers raised about the ward.",
        example: "Growth area: new town under construction",
      },
      {
        id: "priority",
        header: "Priority",
        type: "text",
        synonyms: ["priority", "priority heading", "heading", "theme"],
        keywords: [["priority"]],
        values: [
          { value: "Emerging", match: ["emerging"] },
          { value: "Preventing", match: ["preventing", "prevent"] },
          { value: "Sustaining", match: ["sustaining", "sustain"] },
          { value: "Community Resilience", match: ["community resilience", "resilience"] },
        ],
        description: "Emerging, Preventing, Sustaining or Community Resilience.",
        example: "Preventing",
      },
    ],
    identifiedBy: [{ field: "concern" }],
    nameHints: ["concern", "priorit"],
    data: false,
    unique: [{ fields: ["ward"], severity: "error" }],
  },
];

export function returnKind(id: string): ReturnKind | undefined {
  return RETURN_KINDS.find((k) => k.id === id);
}

export function fieldIndex(kind: ReturnKind, fieldId: string): number {
  return kind.fields.findIndex((f) => f.id === fieldId);
}

/** Where a kind's fields of each role sit in its records' values (-1 when it has none). */
export interface FieldRoles {
  /** The date or month a period applies to. */
  time: number;
  count: number;
  ward: number;
  lsoa: number;
  village: number;
}

const rolesOfKind = new WeakMap<ReturnKind, FieldRoles>();

export function fieldRoles(kind: ReturnKind): FieldRoles {
  let roles = rolesOfKind.get(kind);
  if (!roles) {
    const of = (...types: FieldType[]) => kind.fields.findIndex((f) => types.includes(f.type));
    roles = { time: of("date", "month"), count: of("count"), ward: of("ward"), lsoa: of("lsoa"), village: of("village") };
    rolesOfKind.set(kind, roles);
  }
  return roles;
}

const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(["date", "month", "count", "decile"]);

/** Which of a kind's fields hold numbers (days, months, counts, deciles) rather than text. */
export function numericFields(kind: ReturnKind): boolean[] {
  return kind.fields.map((f) => NUMBER_TYPES.has(f.type));
}
