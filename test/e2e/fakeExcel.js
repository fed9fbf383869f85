/*
 * An in-memory Excel host: the part of the Excel JavaScript API the add-in's adapters use, over a
 * workbook held as plain data. It is a TEST DOUBLE (there is no Excel on Linux), and it fails the
 * way Excel fails, and is at least as strict as Excel in what the add-in uses:
 *   - a property read before load() and sync() throws; a missing sheet or comment fails at sync;
 *   - as in Excel, a failing operation leaves the operations before it in its batch applied;
 *   - sheet names follow Excel's rules (1-31 characters, none of [ ] : * ? / \, not "History",
 *     no apostrophe at either end); the last visible sheet cannot be deleted;
 *   - ranges by index must lie inside the grid; a cell holds at most 32,767 characters; a comment
 *     goes on one cell, and one cell has at most one;
 *   - requests and responses are measured as Excel's JSON (UTF-8, with each cell's separators, and each
 *     action's object path: about 551 bytes a load, 250 a property set)
 *     against Excel on the web's 5 MB;
 *   - APIs newer than the host's ExcelApi version (option excelApi) fail with ApiNotFound, and
 *     Office.context.requirements answers for that version;
 *   - a multi-area selection cannot be read with getSelectedRange;
 *   - =CSP.* formulas are calculated by the functions the page registers with CustomFunctions.associate,
 *     spilling as Excel does (#BUSY! while they run, #SPILL! when blocked, #NAME? when unregistered);
 *     other formulas are calculated for the forms returns hold (numbers, references, SUM, COUNT)
 *     and are #CALC! otherwise, never left #BUSY!.
 *
 * Works in Node (require) and in the browser (window.FakeExcel), so the adapter unit tests and the
 * end-to-end tests in Chromium use the same host.
 */
(function (root) {
  "use strict";

  function colIndex(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }
  function colLetter(i) {
    let n = i + 1;
    let s = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function a1(r, c) {
    return `${colLetter(c)}${r + 1}`;
  }
  const MAX_ROWS = 1048576;
  const MAX_COLUMNS = 16384;
  /**
   * What one action costs in a request, as Office.js builds it: each carries its object's path and
   * ids as JSON, so loading one cell's fill is about 551 bytes, whatever the value, and setting a
   * property about 250 before its value.
   */
  const LOAD_BYTES = 551;
  const ACTION_BYTES = 250;
  const MAX_CELL_CHARS = 32767;
  /** The chart types the add-in draws, among Excel.ChartType's values. */
  const CHART_TYPES = new Set(["ColumnStacked", "ColumnClustered", "Line", "LineMarkers", "BarStacked"]);
  const encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : undefined;
  /** Bytes of a value as Excel's JSON carries it, with the separator each cell costs. */
  function jsonBytes(v) {
    const text = JSON.stringify(v === undefined ? null : v);
    return (encoder ? encoder.encode(text).length : text.length) + 1;
  }
  function gridBytes(v) {
    if (!Array.isArray(v)) return jsonBytes(v);
    let n = 2;
    for (const row of v) {
      n += 2;
      if (Array.isArray(row)) for (const cell of row) n += jsonBytes(cell);
      else n += jsonBytes(row);
    }
    return n;
  }
  /** Excel's sheet-name rules, as its rename box applies them. */
  function checkSheetName(name) {
    const why =
      typeof name !== "string" || name.trim() === ""
        ? "is blank"
        : name.length > 31
          ? "is longer than 31 characters"
          : /[\\/?*[\]:]/.test(name)
            ? "holds one of [ ] : * ? / \\"
            : /^'|'$/.test(name)
              ? "begins or ends with an apostrophe"
              : name.toLowerCase() === "history"
                ? 'is "History", which Excel keeps for itself'
                : undefined;
    if (why) throw new FakeError("InvalidArgument", `The sheet name "${name}" ${why}.`);
  }
  function versionAtLeast(have, need) {
    const [a1v, a2v] = String(have).split(".").map(Number);
    const [b1v, b2v] = String(need).split(".").map(Number);
    return a1v > b1v || (a1v === b1v && a2v >= b2v);
  }

  /**
   * Excel's own rule, written apart from the add-in's so a quoting bug there shows here: a name is
   * written bare only when it is letters (any alphabet), digits, _ and . not starting with a digit,
   * and is not a cell Excel has (A1 to XFD1048576), an R1C1 reference, or TRUE/FALSE.
   */
  function quote(name) {
    const bare = () => {
      if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name)) return false;
      const cell = /^([A-Za-z]+)(\d+)$/.exec(name);
      if (cell) {
        let col = 0;
        for (const ch of cell[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
        const row = Number(cell[2]);
        if (col <= 16384 && row >= 1 && row <= 1048576) return false;
      }
      if (/^r\d*(c\d*)?$/i.test(name) || /^c\d*$/i.test(name)) return false;
      return !/^(true|false)$/i.test(name);
    };
    return bare() ? name : `'${name.replace(/'/g, "''")}'`;
  }
  /** "A1", "A1:C3", "A:A", "3:5", with an optional Sheet! prefix. */
  function parseAddress(address) {
    let sheet;
    let ref = address.trim();
    const bang = ref.lastIndexOf("!");
    if (bang >= 0) {
      sheet = ref.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
      ref = ref.slice(bang + 1);
    }
    ref = ref.replace(/\$/g, "");
    const [a, b = a] = ref.split(":");
    const part = (p, end) => {
      const m = /^([A-Za-z]*)(\d*)$/.exec(p);
      if (!m) throw new FakeError("InvalidArgument", `The address ${address} is not valid.`);
      const col = m[1] ? colIndex(m[1]) : end ? 16383 : 0;
      const row = m[2] ? Number(m[2]) - 1 : end ? 1048575 : 0;
      return { row, col };
    };
    const p1 = part(a, false);
    const p2 = part(b, true);
    if (!/\d/.test(b) && /\d/.test(a) === false) p2.row = 1048575;
    return {
      sheet,
      r1: Math.min(p1.row, p2.row),
      c1: Math.min(p1.col, p2.col),
      r2: Math.max(p1.row, p2.row),
      c2: Math.max(p1.col, p2.col),
    };
  }

  class FakeError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
      this.name = "RichApi.Error";
    }
  }

  /** A sheet's cells as rows of cell objects (sparse); reads like a Map keyed "row,col". */
  class CellGrid {
    constructor() {
      this.rows = [];
      this.count = 0;
    }
    getRC(r, c) {
      const row = this.rows[r];
      return row ? row[c] : undefined;
    }
    setRC(r, c, cell) {
      const row = this.rows[r] || (this.rows[r] = []);
      if (!row[c]) this.count++;
      row[c] = cell;
    }
    get(key) {
      const [r, c] = key.split(",").map(Number);
      return this.getRC(r, c);
    }
    set(key, cell) {
      const [r, c] = key.split(",").map(Number);
      this.setRC(r, c, cell);
      return this;
    }
    get size() {
      return this.count;
    }
    *entries() {
      for (let r = 0; r < this.rows.length; r++) {
        const row = this.rows[r];
        if (!row) continue;
        for (let c = 0; c < row.length; c++) if (row[c]) yield [`${r},${c}`, row[c]];
      }
    }
    *values() {
      for (const [, v] of this.entries()) yield v;
    }
    [Symbol.iterator]() {
      return this.entries();
    }
  }

  /** The workbook's data: sheets of cells, formats, merges, tables, comments, settings. */
  class Store {
    constructor(sheets) {
      this.sheets = sheets.map((s) => this.newSheet(s.name, s.values || [], s.visibility, s.hiddenRows));
      this.active = this.sheets[0] ? this.sheets[0].name : undefined;
      this.settings = new Map();
      this.comments = new Map();
      this.names = new Map();
      this.nextComment = 1;
      this.selection = { sheet: this.active, address: "A1" };
    }
    /** hiddenRows: 0-based rows hidden by hand or filtered out. */
    newSheet(name, values, visibility, hiddenRows) {
      const cells = new CellGrid();
      values.forEach((row, r) =>
        (row || []).forEach((v, c) => {
          if (v === "" || v === null || v === undefined) return;
          // Text starting "=" in a workbook given to the host is a formula, as typed into Excel.
          if (typeof v === "string" && v.startsWith("=")) cells.setRC(r, c, { value: "#BUSY!", formula: v });
          else cells.setRC(r, c, { value: v });
        }),
      );
      this.nextSheetId = (this.nextSheetId || 0) + 1;
      const id = `{sheet-${this.nextSheetId}}`;
      return {
        id,
        name,
        cells,
        merges: [],
        tables: [],
        charts: [],
        shapes: [],
        frozenRows: 0,
        columnWidths: {},
        visibility: visibility || "Visible",
        hiddenRows: new Set(hiddenRows || []),
        // Set by tests: a protected sheet refuses writes; a cell with a legacy note refuses a comment.
        protected: false,
        notes: new Set(),
      };
    }
    /** A sheet by name (any case) or by id. */
    sheet(name) {
      const key = String(name).toLowerCase();
      return this.sheets.find((s) => s.name.toLowerCase() === key || s.id === name);
    }
    cell(sheet, r, c, create) {
      let cell = sheet.cells.getRC(r, c);
      if (!cell && create) {
        cell = { value: "" };
        sheet.cells.setRC(r, c, cell);
      }
      return cell;
    }
    usedBounds(sheet, valuesOnly) {
      let r1 = Infinity,
        c1 = Infinity,
        r2 = -1,
        c2 = -1;
      const rows = sheet.cells.rows;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (!row) continue;
        for (let c = 0; c < row.length; c++) {
          const cell = row[c];
          if (!cell) continue;
          if (valuesOnly && (cell.value === "" || cell.value === undefined) && !cell.formula) continue;
          if (!valuesOnly && cell.value === "" && !cell.format && !cell.numberFormat) continue;
          if (r < r1) r1 = r;
          if (c < c1) c1 = c;
          if (r > r2) r2 = r;
          if (c > c2) c2 = c;
        }
      }
      return r2 < 0 ? undefined : { r1, c1, r2, c2 };
    }
    /** The sheet as rows of values (for reading back what the add-in wrote). */
    values(name) {
      const sheet = this.sheet(name);
      const b = this.usedBounds(sheet, true);
      if (!b) return [];
      const out = [];
      for (let r = 0; r <= b.r2; r++) {
        const row = [];
        for (let c = 0; c <= b.c2; c++) {
          const cell = sheet.cells.getRC(r, c);
          row.push(cell ? cell.value : "");
        }
        out.push(row);
      }
      return out;
    }
    snapshot() {
      return JSON.stringify({
        sheets: this.sheets.map((s) => ({
          name: s.name,
          cells: [...s.cells.entries()],
          merges: s.merges,
          tables: s.tables,
          frozen: s.frozenRows,
          widths: s.columnWidths,
        })),
        settings: [...this.settings.entries()],
        comments: [...this.comments.entries()],
      });
    }
  }

  /** Base of every proxy object: properties exist only once loaded and synced. */
  class ClientObject {
    constructor(context) {
      this._context = context;
      this._loaded = {};
    }
    _get(prop) {
      if (!(prop in this._loaded)) {
        throw new FakeError(
          "PropertyNotLoaded",
          `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        );
      }
      return this._loaded[prop];
    }
    load(props) {
      const list =
        typeof props === "string" ? props.split(",").map((p) => p.trim()) : Array.isArray(props) ? props : Object.keys(props || {});
      this._context._queue.push({ kind: "load", bytes: LOAD_BYTES + list.join(",").length, run: () => this._resolve(list) });
      return this;
    }
    _resolve() {}
  }

  class RequestContext {
    constructor(host) {
      this._need = (version, what) => {
        if (!versionAtLeast(host.excelApi, version))
          throw new FakeError("ApiNotFound", `${what} needs ExcelApi ${version}; this Excel has ${host.excelApi}.`);
      };
      this._host = host;
      this._queue = [];
      this.workbook = new Workbook(this);
      this.application = {
        suspendApiCalculationUntilNextSync: () => this._queue.push({ kind: "call", bytes: ACTION_BYTES, run: () => undefined }),
        suspendScreenUpdatingUntilNextSync: () =>
          this._queue.push({ kind: "call", bytes: ACTION_BYTES, run: () => this._need("1.9", "suspendScreenUpdatingUntilNextSync") }),
        calculate: (type) =>
          this._queue.push({
            kind: "call",
            bytes: ACTION_BYTES,
            run: () => {
              if (type === "Full" || type === "FullRebuild") host.stats.fullCalculations++;
              host.recalculate();
            },
          }),
      };
    }
    _write(bytes, run) {
      this._queue.push({ kind: "write", bytes: ACTION_BYTES + bytes, run });
    }
    async sync() {
      const host = this._host;
      const queue = this._queue;
      this._queue = [];
      host.stats.syncs++;
      const bytes = queue.reduce((n, op) => n + op.bytes, 0);
      host.stats.largestRequest = Math.max(host.stats.largestRequest, bytes);
      if (bytes > host.limits.requestBytes) {
        throw new FakeError("RequestPayloadSizeLimitExceeded", `The request payload size (${bytes} bytes) has exceeded the limit.`);
      }
      if (queue.some((op) => op.kind === "write")) host.stats.writeSyncs++;
      if (
        (host.failAtSync && host.stats.syncs === host.failAtSync) ||
        (host.failAtWriteSync && host.stats.writeSyncs === host.failAtWriteSync && queue.some((op) => op.kind === "write"))
      ) {
        throw new FakeError("GeneralException", "The connection to Excel was lost (simulated).");
      }
      await new Promise((resolve) => setTimeout(resolve, host.latencyMs || 0));
      // As in Excel, a batch is not a transaction: operations before a failing one stay applied.
      let responseBytes = 0;
      for (const op of queue) {
        const out = op.run();
        if (op.kind === "load" && out !== undefined) responseBytes += out;
      }
      host.stats.largestResponse = Math.max(host.stats.largestResponse, responseBytes);
      if (responseBytes > host.limits.responseBytes)
        throw new FakeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
    }
  }

  class Workbook extends ClientObject {
    constructor(context) {
      super(context);
      this.worksheets = new WorksheetCollection(context);
      this.settings = new SettingCollection(context);
    }
    get comments() {
      return new CommentCollection(this._context);
    }
    get names() {
      return new NamedItemCollection(this._context);
    }
    /** Excel's worksheet functions; DATE numbers a day in the workbook's date system. */
    get functions() {
      const context = this._context;
      return {
        date(year, month, day) {
          context._need("1.2", "functions.date");
          const result = new ClientObject(context);
          result._resolve = function () {
            const serial = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000;
            // A store whose date system is neither (null) answers as no Excel should: tests of refusal use it.
            const system = context._host.store.date1904;
            this._loaded.value = system === true ? serial - 1462 : system === false ? serial : NaN;
            return 20;
          };
          Object.defineProperty(result, "value", {
            get() {
              return this._get("value");
            },
          });
          return result;
        },
      };
    }
    getSelectedRange() {
      const store = this._context._host.store;
      const r = new Range(
        this._context,
        () => store.sheet(store.selection.sheet),
        () => {
          if (store.selection.address.includes(","))
            throw new FakeError("InvalidSelection", "The current selection is invalid for this operation (several areas are selected).");
          return parseAddress(store.selection.address);
        },
      );
      return r;
    }
    getSelectedRanges() {
      const context = this._context;
      context._need("1.9", "getSelectedRanges");
      const store = context._host.store;
      const parts = () => store.selection.address.split(",");
      const areas = new ClientObject(context);
      areas._resolve = function () {
        this._loaded.areaCount = parts().length;
        return 20;
      };
      Object.defineProperty(areas, "areaCount", {
        get() {
          return this._get("areaCount");
        },
      });
      areas.areas = {
        getItemAt: (i) =>
          new Range(
            context,
            () => store.sheet(store.selection.sheet),
            () => {
              const p = parts()[i];
              if (p === undefined) throw new FakeError("ItemNotFound", `There is no area ${i} in the selection.`);
              return parseAddress(p);
            },
          ),
      };
      return areas;
    }
  }

  class WorksheetCollection extends ClientObject {
    get items() {
      return this._get("items");
    }
    _resolve() {
      const store = this._context._host.store;
      this._loaded.items = store.sheets.map((s) => {
        const w = new Worksheet(this._context, s.name);
        w._loaded.name = s.name;
        w._loaded.visibility = s.visibility;
        w._loaded.id = s.id;
        return w;
      });
      return 40 * store.sheets.length;
    }
    get onAdded() {
      this._context._need("1.7", "onAdded");
      return this._context._events("added");
    }
    get onDeleted() {
      this._context._need("1.7", "onDeleted");
      return this._context._events("deleted");
    }
    get onNameChanged() {
      this._context._need("1.17", "onNameChanged");
      return this._context._events("renamed");
    }
    getItem(name) {
      return new Worksheet(this._context, name);
    }
    getItemOrNullObject(name) {
      return new Worksheet(this._context, name, true);
    }
    getActiveWorksheet() {
      const w = new Worksheet(this._context, undefined);
      w._active = true;
      return w;
    }
    add(name) {
      const store = this._context._host.store;
      const w = new Worksheet(this._context, name);
      this._context._write(60 + name.length, () => {
        checkSheetName(name);
        if (store.sheet(name)) throw new FakeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
        store.sheets.push(store.newSheet(name, []));
        this._context._host.fire("added", name);
      });
      return w;
    }
  }

  class Worksheet extends ClientObject {
    constructor(context, name, orNull) {
      super(context);
      this._name = name;
      this._orNull = !!orNull;
      // Excel resolves an OrNullObject at the next sync without an explicit load.
      if (orNull) context._queue.push({ kind: "load", bytes: LOAD_BYTES, run: () => this._resolve([]) });
      this.tables = {
        add: (address, hasHeaders) => {
          const table = { showFilterButton: true, style: "TableStyleMedium2" };
          const proxy = {};
          for (const key of Object.keys(table)) {
            Object.defineProperty(proxy, key, { set: (v) => context._write(30, () => (table[key] = v)), get: () => table[key] });
          }
          context._write(80 + address.length, () => {
            const sheet = this._sheet();
            const a = parseAddress(address);
            for (const m of sheet.merges) {
              if (!(m.r2 < a.r1 || m.r1 > a.r2 || m.c2 < a.c1 || m.c1 > a.c2))
                throw new FakeError("InvalidOperation", "A table can't overlap a range that contains merged cells.");
            }
            sheet.tables.push({ address: `${a1(a.r1, a.c1)}:${a1(a.r2, a.c2)}`, hasHeaders, table });
          });
          return proxy;
        },
      };
      this.freezePanes = { freezeRows: (n) => context._write(30, () => (this._sheet().frozenRows = n)) };
      const settable = (target, keys) => {
        const proxy = {};
        for (const key of keys)
          Object.defineProperty(proxy, key, {
            set: (v) => context._write(30 + String(v).length, () => (target[key] = v)),
            get: () => target[key],
          });
        return proxy;
      };
      this.charts = {
        // A chart is drawn from a range of this sheet's cells: it records the range, as Excel's chart keeps its reference.
        add: (type, source, seriesBy) => {
          const chart = { type, seriesBy, title: { text: "" }, name: "", position: undefined };
          context._write(120, () => {
            if (!CHART_TYPES.has(type)) throw new FakeError("InvalidArgument", `${type} is not a chart type.`);
            if (!["Auto", "Columns", "Rows"].includes(seriesBy))
              throw new FakeError("InvalidArgument", `${seriesBy} is not a way to read series.`);
            const b = source._bounds();
            chart.source = { sheet: source._sheetOf().name, r1: b.r1, c1: b.c1, r2: b.r2, c2: b.c2 };
            this._sheet().charts.push(chart);
          });
          const proxy = settable(chart, ["name"]);
          proxy.title = settable(chart.title, ["text"]);
          proxy.setPosition = (start, end) =>
            context._write(60, () => {
              parseAddress(start);
              parseAddress(end);
              chart.position = { start, end };
            });
          return proxy;
        },
      };
      this.shapes = {
        addImage: (base64) => {
          const shape = { base64, lockAspectRatio: false, left: 0, top: 0, width: 0, name: "", altTextTitle: "", altTextDescription: "" };
          context._write(base64.length, () => {
            context._need("1.9", "shapes.addImage");
            if (!/^iVBORw0KGgo/.test(base64)) throw new FakeError("InvalidArgument", "The image is not a PNG, JPEG, BMP or GIF in base64.");
            this._sheet().shapes.push(shape);
          });
          return settable(shape, ["lockAspectRatio", "left", "top", "width", "name", "altTextTitle", "altTextDescription"]);
        },
      };
    }
    _store() {
      return this._context._host.store;
    }
    _sheet() {
      const store = this._store();
      const name = this._active ? store.active : this._name;
      const sheet = store.sheet(name);
      if (!sheet) throw new FakeError("ItemNotFound", `The requested resource doesn't exist (sheet ${name}).`);
      return sheet;
    }
    _resolve(props) {
      const store = this._store();
      const sheet = store.sheet(this._active ? store.active : this._name);
      if (!sheet) {
        if (this._orNull) {
          this._loaded.isNullObject = true;
          return 20;
        }
        throw new FakeError("ItemNotFound", `The requested resource doesn't exist (sheet ${this._name}).`);
      }
      this._loaded.isNullObject = false;
      for (const p of props)
        if (p === "name" || p === "visibility" || p === "") this._loaded[p || "name"] = p === "visibility" ? sheet.visibility : sheet.name;
      this._loaded.name = sheet.name;
      this._loaded.id = sheet.id;
      return 40;
    }
    get id() {
      return this._get("id");
    }
    get comments() {
      return new CommentCollection(this._context, () => this._sheet());
    }
    get isNullObject() {
      if (!this._orNull) return false;
      if (!("isNullObject" in this._loaded)) {
        // An OrNullObject is resolved by any sync that follows its creation.
        throw new FakeError("PropertyNotLoaded", "The property 'isNullObject' is not available until context.sync() is called.");
      }
      return this._loaded.isNullObject;
    }
    get name() {
      return this._get("name");
    }
    set name(value) {
      this._context._write(40 + value.length, () => {
        checkSheetName(value);
        const sheet = this._sheet();
        const clash = this._store().sheet(value);
        if (clash && clash !== sheet) throw new FakeError("ItemAlreadyExists", `A sheet named ${value} already exists.`);
        if (this._store().active === sheet.name) this._store().active = value;
        sheet.name = value;
        this._name = value;
        this._context._host.fire("renamed", sheet.id);
      });
    }
    get visibility() {
      return this._get("visibility");
    }
    delete() {
      this._context._write(40, () => {
        const store = this._store();
        const sheet = this._sheet();
        if (!store.sheets.some((s) => s !== sheet && s.visibility === "Visible"))
          throw new FakeError("InvalidOperation", "A workbook must keep at least one visible sheet.");
        store.sheets = store.sheets.filter((s) => s !== sheet);
        this._context._host.fire("deleted", sheet.name);
        if (store.active === sheet.name) store.active = store.sheets[0] && store.sheets[0].name;
      });
    }
    activate() {
      this._context._write(30, () => (this._store().active = this._sheet().name));
    }
    getRange(address) {
      return new Range(
        this._context,
        () => this._sheet(),
        () => parseAddress(address),
      );
    }
    getRangeByIndexes(row, col, rows, cols) {
      return new Range(
        this._context,
        () => this._sheet(),
        () => {
          const ok = [row, col, rows, cols].every(Number.isInteger) && row >= 0 && col >= 0 && rows >= 1 && cols >= 1;
          if (!ok || row + rows > MAX_ROWS || col + cols > MAX_COLUMNS)
            throw new FakeError("InvalidArgument", `getRangeByIndexes(${row}, ${col}, ${rows}, ${cols}) is outside the sheet.`);
          return { r1: row, c1: col, r2: row + rows - 1, c2: col + cols - 1 };
        },
      );
    }
    getRanges(addresses) {
      return new RangeAreas(
        this._context,
        () => this._sheet(),
        addresses.split(",").map((a) => () => parseAddress(a)),
      );
    }
    _usedRange(valuesOnly, orNull) {
      const r = new Range(
        this._context,
        () => this._sheet(),
        () => {
          const b = this._store().usedBounds(this._sheet(), valuesOnly);
          if (!b) {
            if (orNull) return null;
            return { r1: 0, c1: 0, r2: 0, c2: 0 };
          }
          return b;
        },
      );
      r._orNull = !!orNull;
      return r;
    }
    getUsedRange(valuesOnly) {
      return this._usedRange(valuesOnly, false);
    }
    getUsedRangeOrNullObject(valuesOnly) {
      return this._usedRange(valuesOnly, true);
    }
  }

  const FORMAT_KEYS = ["color"];

  class Range extends ClientObject {
    constructor(context, sheetOf, boundsOf) {
      super(context);
      this._sheetOf = sheetOf;
      this._boundsOf = boundsOf;
      const self = this;
      const fmt = (target, keys, write) => {
        const o = {};
        for (const key of keys) {
          Object.defineProperty(o, key, {
            enumerable: true,
            set: (v) => context._write(30 + String(v).length, () => self._eachCell((cell) => write(cell, key, v))),
            get: () => self._get(`format.${key}`),
          });
        }
        return o;
      };
      const fill = fmt("fill", FORMAT_KEYS, (cell, _k, v) => ((cell.format = cell.format || {}).fill = v));
      fill.clear = () => context._write(30, () => self._eachCell((cell) => cell.format && delete cell.format.fill));
      fill.load = () => {
        context._queue.push({
          kind: "load",
          bytes: LOAD_BYTES,
          run: () => {
            const fills = [];
            self._eachCell((cell) => fills.push((cell.format && cell.format.fill) || "#FFFFFF"), true);
            self._loaded["format.color"] = fills.every((f) => f === fills[0]) ? fills[0] : null;
            return 20;
          },
        });
        return fill;
      };
      const font = fmt(
        "font",
        ["bold", "italic", "color", "size"],
        (cell, k, v) => (((cell.format = cell.format || {}).font = cell.format.font || {})[k] = v),
      );
      const format = fmt(
        "format",
        ["horizontalAlignment", "wrapText", "rowHeight"],
        (cell, k, v) => ((cell.format = cell.format || {})[k] = v),
      );
      Object.defineProperty(format, "columnWidth", {
        set: (v) =>
          context._write(30, () => {
            const b = self._bounds();
            for (let c = b.c1; c <= Math.min(b.c2, b.c1 + 200); c++) self._sheetOf().columnWidths[c] = v;
          }),
      });
      format.fill = fill;
      format.font = font;
      this.format = format;
    }
    _bounds() {
      const b = this._boundsOf();
      if (b && b.sheet && this._sheetOf().name.toLowerCase() !== b.sheet.toLowerCase()) {
        // An address naming another sheet resolves on that sheet.
        const other = this._context._host.store.sheet(b.sheet);
        if (!other) throw new FakeError("ItemNotFound", `The sheet ${b.sheet} does not exist.`);
        this._sheetOf = () => other;
      }
      return b;
    }
    _eachCell(fn, read) {
      const sheet = this._sheetOf();
      const b = this._bounds();
      const store = this._context._host.store;
      if (!read && sheet.protected)
        throw new FakeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
      for (let r = b.r1; r <= b.r2; r++) {
        for (let c = b.c1; c <= b.c2; c++) {
          const cell = store.cell(sheet, r, c, !read) || { value: "" };
          fn(cell, r - b.r1, c - b.c1);
        }
      }
    }
    _resolve(props) {
      const sheet = this._sheetOf();
      const b = this._bounds();
      if (b === null) {
        this._loaded.isNullObject = true;
        return 20;
      }
      this._loaded.isNullObject = false;
      const store = this._context._host.store;
      let bytes = 40;
      for (const p of props) {
        if (p === "values" || p === "text" || p === "numberFormat" || p === "formulas") {
          const out = [];
          for (let r = b.r1; r <= b.r2; r++) {
            const row = [];
            for (let c = b.c1; c <= b.c2; c++) {
              const cell = store.cell(sheet, r, c, false);
              const v =
                p === "numberFormat"
                  ? (cell && cell.numberFormat) || "General"
                  : p === "formulas"
                    ? (cell && cell.formula) || (cell ? cell.value : "")
                    : cell
                      ? passedCell(cell.value, undefined)
                      : "";
              row.push(p === "text" ? String(v) : v);
              bytes += jsonBytes(v);
            }
            out.push(row);
          }
          this._loaded[p] = out;
        } else if (p === "address") {
          this._loaded.address = `${quote(sheet.name)}!${a1(b.r1, b.c1)}${b.r1 === b.r2 && b.c1 === b.c2 ? "" : `:${a1(b.r2, b.c2)}`}`;
        } else if (p === "rowCount") this._loaded.rowCount = b.r2 - b.r1 + 1;
        else if (p === "columnCount") this._loaded.columnCount = b.c2 - b.c1 + 1;
        else if (p === "rowIndex") this._loaded.rowIndex = b.r1;
        else if (p === "columnIndex") this._loaded.columnIndex = b.c1;
        // Excel's default cells: 48 points wide (64 pixels), 15 high.
        else if (p === "left") this._loaded.left = b.c1 * 48;
        else if (p === "top") this._loaded.top = b.r1 * 15;
      }
      return bytes;
    }
    get isNullObject() {
      if (!this._orNull) return false;
      return this._get("isNullObject");
    }
    get values() {
      return this._get("values");
    }
    get text() {
      return this._get("text");
    }
    get formulas() {
      return this._get("formulas");
    }
    get address() {
      return this._get("address");
    }
    get rowCount() {
      return this._get("rowCount");
    }
    get columnCount() {
      return this._get("columnCount");
    }
    get rowIndex() {
      return this._get("rowIndex");
    }
    get columnIndex() {
      return this._get("columnIndex");
    }
    get left() {
      return this._get("left");
    }
    get top() {
      return this._get("top");
    }
    get numberFormat() {
      return this._get("numberFormat");
    }
    _checkShape(v, what) {
      if (!Array.isArray(v)) return;
      const b = this._bounds();
      if (v.length !== b.r2 - b.r1 + 1 || v.some((row) => row.length !== b.c2 - b.c1 + 1)) {
        throw new FakeError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`,
        );
      }
    }
    _size(v) {
      return gridBytes(v) + 20;
    }
    _checkText(v) {
      const values = Array.isArray(v) ? v.flat() : [v];
      const long = values.find((x) => typeof x === "string" && x.length > MAX_CELL_CHARS);
      if (long !== undefined)
        throw new FakeError("InvalidArgument", `A cell can hold at most ${MAX_CELL_CHARS} characters (${long.length} given).`);
    }
    get worksheet() {
      if (this._worksheet) return this._worksheet;
      const sheetOf = () => this._sheetOf();
      const ws = (this._worksheet = new ClientObject(this._context));
      ws._resolve = function () {
        this._loaded.name = sheetOf().name;
        this._loaded.id = sheetOf().id;
        return 40;
      };
      Object.defineProperty(ws, "name", {
        get() {
          return this._get("name");
        },
      });
      return ws;
    }
    set numberFormat(v) {
      this._context._write(this._size(v), () => {
        this._checkShape(v, "numberFormat");
        this._eachCell((cell, r, c) => (cell.numberFormat = Array.isArray(v) ? v[r][c] : v));
      });
    }
    set values(v) {
      this._context._write(this._size(v), () => {
        this._checkShape(v, "values");
        this._checkText(v);
        this._eachCell((cell, r, c) => {
          const value = Array.isArray(v) ? v[r][c] : v;
          // As Excel does: text starting "=" becomes a formula unless the cell is formatted as text.
          if (typeof value === "string" && value.startsWith("=") && cell.numberFormat !== "@") {
            this._setFormula(cell, value);
          } else {
            delete cell.formula;
            cell.value = value === null || value === undefined ? "" : value;
          }
        });
      });
    }
    set formulas(v) {
      this._context._write(this._size(v), () => {
        this._checkShape(v, "formulas");
        this._checkText(v);
        this._eachCell((cell, r, c) => this._setFormula(cell, Array.isArray(v) ? v[r][c] : v));
      });
    }
    _setFormula(cell, formula) {
      cell.formula = formula;
      cell.value = "#BUSY!";
      this._context._host.recalculate();
    }
    merge() {
      this._context._write(40, () => {
        const b = this._bounds();
        this._sheetOf().merges.push({ r1: b.r1, c1: b.c1, r2: b.r2, c2: b.c2 });
      });
    }
    select() {
      this._context._write(30, () => {
        const b = this._bounds();
        const store = this._context._host.store;
        store.active = this._sheetOf().name;
        store.selection = {
          sheet: this._sheetOf().name,
          address: `${a1(b.r1, b.c1)}${b.r1 === b.r2 && b.c1 === b.c2 ? "" : `:${a1(b.r2, b.c2)}`}`,
        };
      });
    }
    getCell(r, c) {
      return new Range(
        this._context,
        () => this._sheetOf(),
        () => {
          const b = this._bounds();
          if (r < 0 || c < 0) throw new FakeError("InvalidArgument", `getCell(${r}, ${c}) is outside the sheet.`);
          return { r1: b.r1 + r, c1: b.c1 + c, r2: b.r1 + r, c2: b.c1 + c };
        },
      );
    }
    /** The visible cells ("Visible"): runs of rows not hidden, as areas over the range's columns. */
    getSpecialCellsOrNullObject(type) {
      const self = this;
      const areas = new ClientObject(this._context);
      areas._resolve = function () {
        self._context._need("1.9", "getSpecialCellsOrNullObject");
        if (type !== "Visible") throw new FakeError("InvalidArgument", `The double knows only visible cells, not ${type}.`);
        const b = self._bounds();
        const sheet = self._sheetOf();
        const runs = [];
        for (let r = b.r1; r <= b.r2; r++) {
          if (sheet.hiddenRows.has(r)) continue;
          const last = runs[runs.length - 1];
          if (last && last[1] === r - 1) last[1] = r;
          else runs.push([r, r]);
        }
        this._loaded.isNullObject = runs.length === 0;
        this._loaded.address = runs.map(([r1, r2]) => `${quote(sheet.name)}!${a1(r1, b.c1)}:${a1(r2, b.c2)}`).join(",");
        return 40 + this._loaded.address.length;
      };
      for (const p of ["isNullObject", "address"])
        Object.defineProperty(areas, p, {
          get() {
            return this._get(p);
          },
        });
      return areas;
    }
    /** Inserts rows above a whole-row range ("3:4"), shifting what is below down. */
    insert(shift) {
      this._context._write(40, () => {
        const b = this._bounds();
        if (shift !== "Down" || b.c1 !== 0 || b.c2 < MAX_COLUMNS - 1)
          throw new FakeError("InvalidArgument", "The double inserts whole rows only.");
        shiftRows(this._context._host.store, this._sheetOf(), b.r1, b.r2 - b.r1 + 1);
      });
    }
    /** Deletes whole rows ("3:4"), shifting what is below up. */
    delete(shift) {
      this._context._write(40, () => {
        const b = this._bounds();
        if (shift !== "Up" || b.c1 !== 0 || b.c2 < MAX_COLUMNS - 1)
          throw new FakeError("InvalidArgument", "The double deletes whole rows only.");
        shiftRows(this._context._host.store, this._sheetOf(), b.r1, -(b.r2 - b.r1 + 1));
      });
    }
    getMergedAreasOrNullObject() {
      const self = this;
      const areas = new ClientObject(this._context);
      areas._resolve = function () {
        self._context._need("1.13", "getMergedAreasOrNullObject");
        const b = self._bounds();
        const inside = self._sheetOf().merges.filter((m) => m.r1 >= b.r1 && m.r2 <= b.r2 && m.c1 >= b.c1 && m.c2 <= b.c2);
        this._loaded.isNullObject = inside.length === 0;
        this._loaded.address = inside.map((m) => `${quote(self._sheetOf().name)}!${a1(m.r1, m.c1)}:${a1(m.r2, m.c2)}`).join(",");
        return 40;
      };
      Object.defineProperty(areas, "isNullObject", {
        get() {
          return this._get("isNullObject");
        },
      });
      Object.defineProperty(areas, "address", {
        get() {
          return this._get("address");
        },
      });
      return areas;
    }
    getImage() {
      const result = { _value: undefined };
      Object.defineProperty(result, "value", {
        get() {
          if (this._value === undefined)
            throw new FakeError("PropertyNotLoaded", "The value of the result object has not been loaded yet. Call context.sync().");
          return this._value;
        },
      });
      this._context._queue.push({
        kind: "load",
        bytes: LOAD_BYTES,
        run: () => {
          this._context._need("1.7", "getImage");
          // supportsImages: false stands for Excel failing to draw this range (it is too large, or Excel is busy).
          if (!this._context._host.supportsImages) throw new FakeError("GeneralException", "The range could not be drawn.");
          result._value = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
          return result._value.length;
        },
      });
      return result;
    }
  }

  class RangeAreas {
    constructor(context, sheetOf, boundsList) {
      const ranges = boundsList.map((b) => new Range(context, sheetOf, b));
      const set = (path) => (v) =>
        ranges.forEach((r) => {
          let target = r.format;
          for (const p of path.slice(0, -1)) target = target[p];
          target[path[path.length - 1]] = v;
        });
      const define = (keys, base) => {
        const o = {};
        for (const k of keys) Object.defineProperty(o, k, { set: set([...base, k]) });
        return o;
      };
      this.format = define(["horizontalAlignment", "wrapText"], []);
      this.format.fill = define(["color"], ["fill"]);
      this.format.font = define(["bold", "italic", "color", "size"], ["font"]);
      // Excel sends a range-areas request as one object, however many areas it covers.
      context._queue.push({ kind: "call", bytes: boundsList.length * 8, run: () => undefined });
    }
  }

  class SettingCollection extends ClientObject {
    /** Fires when a co-author's saved settings arrive (ExcelApi 1.4). */
    get onSettingsChanged() {
      this._context._need("1.4", "settings.onSettingsChanged");
      return this._context._events("settings");
    }
    add(key, value) {
      this._context._write(key.length + String(value).length + 20, () => this._context._host.store.settings.set(key, value));
    }
    getItemOrNullObject(key) {
      const item = new ClientObject(this._context);
      item._resolve = function () {
        const store = this._context._host.store;
        this._loaded.isNullObject = !store.settings.has(key);
        this._loaded.value = store.settings.get(key);
        return String(this._loaded.value || "").length + 20;
      };
      Object.defineProperty(item, "isNullObject", {
        get() {
          return this._get("isNullObject");
        },
      });
      Object.defineProperty(item, "value", {
        get() {
          return this._get("value");
        },
      });
      return item;
    }
  }

  /**
   * Workbook names over references ("=Fires!$B$2,Fires!$B$5"): Excel moves their references when
   * rows are inserted or deleted above them, and writes #REF! for a cell deleted.
   */
  class NamedItemCollection extends ClientObject {
    add(name, reference) {
      const context = this._context;
      context._need("1.4", "names.add");
      const store = context._host.store;
      context._write(40 + name.length + String(reference).length, () => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name)) throw new FakeError("InvalidArgument", `${name} is not a valid name.`);
        if (store.names.has(name.toLowerCase())) throw new FakeError("ItemAlreadyExists", `The name ${name} already exists.`);
        const formula = String(reference);
        if (formula.length > 8192) throw new FakeError("InvalidArgument", "A name's reference is longer than Excel allows.");
        store.names.set(name.toLowerCase(), { name, formula: formula.startsWith("=") ? formula : `=${formula}`, visible: true });
      });
      return this._proxy(name, false);
    }
    getItemOrNullObject(name) {
      return this._proxy(name, true);
    }
    _proxy(name, orNull) {
      const context = this._context;
      const store = context._host.store;
      const item = new ClientObject(context);
      const entry = () => store.names.get(name.toLowerCase());
      if (orNull) context._queue.push({ kind: "load", bytes: LOAD_BYTES, run: () => ((item._loaded.isNullObject = !entry()), 20) });
      item._resolve = function (props) {
        context._need("1.7", "NamedItem.formula");
        const e = entry();
        if (!e && orNull) return 20;
        if (!e) throw new FakeError("ItemNotFound", `The name ${name} does not exist.`);
        for (const p of props) this._loaded[p] = e[p];
        return 40 + e.formula.length;
      };
      Object.defineProperty(item, "isNullObject", { get: () => (orNull ? item._get("isNullObject") : false) });
      Object.defineProperty(item, "formula", { get: () => item._get("formula") });
      Object.defineProperty(item, "visible", {
        get: () => item._get("visible"),
        set: (v) => context._write(30, () => (entry().visible = v)),
      });
      item.delete = () =>
        context._write(30, () => {
          if (!entry()) throw new FakeError("ItemNotFound", `The name ${name} does not exist.`);
          store.names.delete(name.toLowerCase());
        });
      return item;
    }
  }

  /** Moves everything below row `at` of a sheet by n rows (n < 0 deletes rows at..at-n-1), as Excel does. */
  function shiftRows(store, sheet, at, n) {
    const moved = (r) => (r < at ? r : n < 0 && r < at - n ? undefined : r + n);
    const rows = sheet.cells.rows;
    const next = [];
    rows.forEach((row, r) => {
      const to = moved(r);
      if (row && to !== undefined) next[to] = row;
    });
    sheet.cells.rows = next;
    sheet.cells.count = [...sheet.cells.entries()].length;
    sheet.hiddenRows = new Set([...sheet.hiddenRows].map(moved).filter((r) => r !== undefined));
    for (const [id, c] of [...store.comments]) {
      if (c.sheetId !== sheet.id) continue;
      const a = parseAddress(c.cell);
      const to = moved(a.r1);
      if (to === undefined) store.comments.delete(id);
      else c.cell = a1(to, a.c1);
    }
    for (const e of store.names.values()) {
      e.formula = e.formula.replace(/((?:'(?:[^']|'')*'|[^=,!']+)!)\$?([A-Z]{1,3})\$?(\d+)/g, (all, prefix, col, row) => {
        if (unquote(prefix.slice(0, -1)).toLowerCase() !== sheet.name.toLowerCase()) return all;
        const to = moved(Number(row) - 1);
        return to === undefined ? `${prefix}#REF!` : `${prefix}$${col}$${to + 1}`;
      });
    }
  }

  function unquote(name) {
    return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
  }

  /** Comments of the workbook (sheetOf undefined) or of one sheet. One comment per cell, on one cell. */
  class CommentCollection extends ClientObject {
    constructor(context, sheetOf) {
      super(context);
      this._sheetOf = sheetOf;
      context._need("1.10", "comments");
    }
    add(where, content) {
      const comment = new ClientObject(this._context);
      const store = this._context._host.store;
      let id;
      const text = typeof where === "string" ? where : "(range)";
      this._context._write(text.length + jsonBytes(content) + 20, () => {
        let sheet;
        let a;
        if (typeof where === "string") {
          a = parseAddress(where);
          sheet = a.sheet ? store.sheet(a.sheet) : undefined;
          if (!sheet) throw new FakeError("InvalidArgument", `Comments need a sheet-qualified address: ${where}`);
        } else {
          sheet = where._sheetOf();
          a = where._bounds();
        }
        if (this._sheetOf && this._sheetOf() !== sheet) throw new FakeError("InvalidArgument", "The cell is on another sheet.");
        if (a.r1 !== a.r2 || a.c1 !== a.c2) throw new FakeError("InvalidArgument", "A comment goes on one cell, not a range.");
        const cell = a1(a.r1, a.c1);
        if (sheet.protected) throw new FakeError("AccessDenied", "Comments cannot be added to a protected sheet.");
        if (sheet.notes.has(cell)) throw new FakeError("InvalidOperation", `The cell ${cell} has a note; a comment cannot be added.`);
        for (const c of store.comments.values())
          if (c.sheetId === sheet.id && c.cell === cell) throw new FakeError("InvalidArgument", `The cell ${cell} already has a comment.`);
        if (String(content).length > MAX_CELL_CHARS) throw new FakeError("InvalidArgument", "The comment is too long.");
        id = `c${store.nextComment++}`;
        store.comments.set(id, { sheetId: sheet.id, cell, content });
      });
      comment._resolve = function () {
        this._loaded.id = id;
        return 20;
      };
      Object.defineProperty(comment, "id", {
        get() {
          return this._get("id");
        },
      });
      return comment;
    }
    _mine() {
      const store = this._context._host.store;
      const sheet = this._sheetOf && this._sheetOf();
      return [...store.comments.entries()].filter(([, c]) => !sheet || c.sheetId === sheet.id);
    }
    _resolve() {
      this._loaded.items = this._mine().map(([id]) => this._item(id, true));
      return 40 * this._loaded.items.length + 20;
    }
    get items() {
      return this._get("items");
    }
    _item(id, loaded) {
      const context = this._context;
      const store = context._host.store;
      const item = new ClientObject(context);
      if (loaded) item._loaded.id = id;
      Object.defineProperty(item, "id", {
        get() {
          return this._get("id");
        },
      });
      item.delete = () =>
        context._write(30, () => {
          if (!store.comments.delete(id)) throw new FakeError("ItemNotFound", `The comment ${id} does not exist.`);
        });
      item.getLocation = () => {
        const where = new ClientObject(context);
        where._resolve = function () {
          const c = store.comments.get(id);
          if (!c) throw new FakeError("ItemNotFound", `The comment ${id} does not exist.`);
          const sheet = store.sheets.find((x) => x.id === c.sheetId);
          this._loaded.address = `${quote(sheet.name)}!${c.cell}`;
          return 40;
        };
        Object.defineProperty(where, "address", {
          get() {
            return this._get("address");
          },
        });
        return where;
      };
      return item;
    }
    getItem(id) {
      return this._item(id, false);
    }
  }

  /** The part of the CustomFunctions runtime a functions bundle uses: associate, Error and ErrorCode. */
  function createCustomFunctions(host) {
    class CustomFunctionError extends Error {
      constructor(code, message) {
        super(message || code);
        this.code = code;
      }
    }
    return {
      associate(id, fn) {
        if (typeof id === "object") for (const [k, f] of Object.entries(id)) host.functions.set(k.toUpperCase(), f);
        else host.functions.set(String(id).toUpperCase(), fn);
        host.recalculate();
      },
      Error: CustomFunctionError,
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
        nullReference: "#NULL!",
        invalidName: "#NAME?",
        invalidReference: "#REF!",
      },
    };
  }

  /** "=CSP.NAME(a, b, ...)" -> { name, args } with each argument's text; undefined for any other formula. */
  function parseCall(formula) {
    const m = /^=\s*CSP\.([A-Za-z0-9_]+)\s*\(([\s\S]*)\)\s*$/.exec(formula);
    if (!m) return undefined;
    const args = [];
    let depth = 0;
    let quoteOn = false;
    let sheetQuote = false;
    let current = "";
    for (const ch of m[2]) {
      if (quoteOn) {
        current += ch;
        if (ch === '"') quoteOn = false;
        continue;
      }
      if (sheetQuote) {
        current += ch;
        if (ch === "'") sheetQuote = false;
        continue;
      }
      if (ch === '"') quoteOn = true;
      else if (ch === "'") sheetQuote = true;
      else if (ch === "(") depth++;
      else if (ch === ")") depth--;
      else if (ch === "," && depth === 0) {
        args.push(current.trim());
        current = "";
        continue;
      }
      current += ch;
    }
    if (m[2].trim() !== "" || args.length) args.push(current.trim());
    return { name: m[1].toUpperCase(), args };
  }

  const ERROR_VALUES = new Set([
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NUM!",
    "#NAME?",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#BUSY!",
    "#FIELD!",
  ]);
  const isErrorValue = (v) => typeof v === "string" && ERROR_VALUES.has(v);

  /**
   * A data-typed cell (an object with a type, as a Geography or linked entity) as a function sees it:
   * the object itself only where functions.json allows custom data in "any" parameters, otherwise
   * what the cell shows (an entity's text, a formatted number's basic value).
   */
  function passedCell(value, metadata) {
    if (value === null || typeof value !== "object") return value;
    if (metadata && metadata.allowCustomDataForDataTypeAny) return value;
    return value.type === "Entity" || value.type === "LinkedEntity" ? value.text : value.basicValue;
  }

  /** An argument's value as Excel passes it: a range as rows of values (empty cells null), or a literal. */
  function argumentValue(store, homeSheet, text, metadata) {
    if (text === "") return undefined;
    if (/^"([^"]|"")*"$/.test(text)) return text.slice(1, -1).replace(/""/g, '"');
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
    const a = parseAddress(text);
    const sheet = a.sheet ? store.sheet(a.sheet) : homeSheet;
    if (!sheet) throw new FakeError("InvalidReference", `#REF!: ${text}`);
    const rows = [];
    for (let r = a.r1; r <= a.r2; r++) {
      const row = [];
      for (let c = a.c1; c <= a.c2; c++) {
        const cell = sheet.cells.getRC(r, c);
        row.push(!cell || cell.value === "" || cell.value === undefined ? null : passedCell(cell.value, metadata));
      }
      rows.push(row);
    }
    return { grid: rows };
  }

  function clearSpill(sheet, key) {
    for (const cell of sheet.cells.values()) {
      if (cell.spilledFrom === key) {
        delete cell.spilledFrom;
        cell.value = "";
      }
    }
  }

  /** Puts a result in its cell, spilling an array over the cells below and to the right, as Excel does. */
  function placeResult(store, sheet, r, c, result) {
    const key = `${r},${c}`;
    const origin = sheet.cells.getRC(r, c);
    clearSpill(sheet, key);
    const grid = Array.isArray(result) ? result : [[result]];
    for (let i = 0; i < grid.length; i++)
      for (let j = 0; j < grid[i].length; j++) {
        if (i === 0 && j === 0) continue;
        const other = sheet.cells.getRC(r + i, c + j);
        if (other && (other.formula || other.spilledFrom || (other.value !== "" && other.value !== undefined))) {
          origin.value = "#SPILL!";
          return;
        }
      }
    for (let i = 0; i < grid.length; i++)
      for (let j = 0; j < grid[i].length; j++) {
        const v = grid[i][j] === null || grid[i][j] === undefined ? 0 : grid[i][j];
        if (i === 0 && j === 0) origin.value = v;
        else store.cell(sheet, r + i, c + j, true).value = v;
        if (i || j) sheet.cells.getRC(r + i, c + j).spilledFrom = key;
      }
  }

  /**
   * An ordinary formula's value, for the few forms a return holds (a number, a reference, SUM or
   * COUNT of a range); any other is #CALC! here, so that a test leaning on it fails rather than
   * reading a #BUSY! that Excel would never leave.
   */
  function plainFormulaValue(store, homeSheet, formula) {
    const body = formula.replace(/^=\s*/, "").trim();
    if (/^-?\d+(\.\d+)?$/.test(body)) return Number(body);
    const fn = /^(SUM|COUNT)\((.+)\)$/i.exec(body);
    try {
      const v = argumentValue(store, homeSheet, fn ? fn[2].trim() : body, undefined);
      if (!v || !v.grid) return "#CALC!";
      const cells = v.grid.flat();
      const error = cells.find(isErrorValue);
      if (error) return error;
      if (!fn) return cells.length === 1 ? (cells[0] === null ? 0 : cells[0]) : "#SPILL!";
      const numbers = cells.filter((x) => typeof x === "number");
      return fn[1].toUpperCase() === "SUM" ? numbers.reduce((a, b) => a + b, 0) : numbers.length;
    } catch {
      return "#CALC!";
    }
  }

  /** Calculates every =CSP.* formula of the workbook with the functions the page registered. */
  async function calculateAll(host, Excel, CustomFunctions) {
    const metadata = await host.metadata();
    const store = host.store;
    for (const sheet of store.sheets) {
      for (const [key, cell] of [...sheet.cells.entries()]) {
        if (!cell.formula) continue;
        const call = parseCall(cell.formula);
        if (!call) {
          cell.value = plainFormulaValue(store, sheet, cell.formula);
          continue;
        }
        const [r, c] = key.split(",").map(Number);
        const fn = host.functions.get(call.name);
        if (!fn) {
          cell.value = "#NAME?";
          continue;
        }
        const id = (cell.calcId = (cell.calcId || 0) + 1);
        const params = ((metadata && metadata.functions.find((f) => f.id === call.name)) || {}).parameters || [];
        const run = (async () => {
          let result;
          try {
            const args = call.args.map((text, i) => {
              const v = argumentValue(store, sheet, text, metadata);
              const matrix = params[i] && params[i].dimensionality === "matrix";
              if (v && v.grid) {
                if (matrix) return v.grid;
                if (v.grid.length !== 1 || v.grid[0].length !== 1)
                  throw new CustomFunctions.Error("#VALUE!", "A range where one value is needed.");
                return v.grid[0][0];
              }
              return matrix && v !== undefined ? [[v]] : v === undefined ? null : v;
            });
            // As Excel: an argument holding an error is the result, and the function is never called.
            const error = args.flatMap((a) => (Array.isArray(a) ? a.flat() : [a])).find(isErrorValue);
            if (error) throw new CustomFunctions.Error(error, `An argument holds ${error}.`);
            host.stats.functionCalls++;
            result = await fn(...args);
          } catch (e) {
            result = { error: (e && e.code) || "#VALUE!", message: e && e.message };
          }
          if (cell.calcId !== id || cell.formula === undefined) return;
          if (result && result.error) {
            cell.value = result.error;
            cell.errorMessage = result.message;
            clearSpill(sheet, key);
          } else {
            delete cell.errorMessage;
            placeResult(store, sheet, r, c, result);
          }
        })();
        host.running.add(run);
        run.finally(() => host.running.delete(run));
      }
    }
  }

  /**
   * A host over a workbook: { sheets: [{ name, values }] }. Options: failAtSync (the nth sync fails),
   * latencyMs (per sync), supportsImages, excelApi (the ExcelApi version, "1.17" unless given),
   * settings (the workbook's saved settings), functionsMetadata (functions.json, fetched in a page),
   * date1904 (the workbook counts dates from 1904), neverReady (Office.onReady never answers).
   */
  function createHost(workbook, options) {
    options = options || {};
    const store = new Store(workbook.sheets);
    // A workbook made on an old Mac counts its date serials from 1904.
    store.date1904 = options.date1904 === true;
    for (const [k, v] of Object.entries(options.settings || {})) store.settings.set(k, v);
    const host = {
      store,
      stats: { syncs: 0, writeSyncs: 0, largestRequest: 0, largestResponse: 0, fullCalculations: 0, functionCalls: 0 },
      limits: { requestBytes: 5 * 1024 * 1024, responseBytes: 5 * 1024 * 1024 },
      failAtSync: options.failAtSync,
      latencyMs: options.latencyMs || 0,
      supportsImages: options.supportsImages !== false,
      excelApi: options.excelApi || "1.17",
      /** The user is editing a cell: Excel fails a batch then, unless it was asked to wait (delayForCellEdit). */
      cellEdit: false,
      cellEditEnded: [],
      /** Ends cell-edit mode, running the batches that waited for it. */
      endCellEdit() {
        host.cellEdit = false;
        for (const go of host.cellEditEnded.splice(0)) go();
      },
      /** The functions' metadata (functions.json): which parameters take a range. */
      metadata() {
        if (options.functionsMetadata) return Promise.resolve(options.functionsMetadata);
        if (!host.metadataRead && typeof fetch === "function" && typeof location !== "undefined")
          host.metadataRead = fetch("functions.json").then(
            (r) => (r.ok ? r.json() : undefined),
            () => undefined,
          );
        return host.metadataRead || Promise.resolve(undefined);
      },
      functions: new Map(),
      handlers: { added: [], deleted: [], renamed: [], visibility: [], settings: [] },
      /** A co-author saves a setting: it arrives in this workbook, and onSettingsChanged fires. */
      coAuthorSaves(key, value) {
        store.settings.set(key, value);
        for (const h of host.handlers.settings) setTimeout(() => h({ type: "SettingsChanged" }), 0);
      },
      running: new Set(),
      fire(kind, name) {
        for (const h of host.handlers[kind]) setTimeout(() => h({ type: kind, worksheetId: name }), 0);
      },
      /** Shows or hides the pane, as the user does with its close box and ribbon button. */
      setVisibility(mode) {
        for (const h of host.handlers.visibility) setTimeout(() => h({ visibilityMode: mode }), 0);
      },
      recalculate() {
        if (!host.recalcQueued) {
          host.recalcQueued = true;
          setTimeout(() => {
            host.recalcQueued = false;
            calculateAll(host, Excel, CustomFunctions);
          }, 0);
        }
      },
      /** Resolves once every formula has its value (no recalculation queued or running). */
      async settled() {
        for (let i = 0; i < 1000; i++) {
          await new Promise((r) => setTimeout(r, 5));
          if (!host.recalcQueued && host.running.size === 0) return;
        }
        throw new Error("The workbook's formulas did not settle.");
      },
    };
    RequestContext.prototype._events = function (kind) {
      const context = this;
      return {
        add(handler) {
          host.handlers[kind].push(handler);
          // As in Office.js: remove() is queued and takes effect at the next sync of a context.
          return {
            context,
            remove: () =>
              context._queue.push({
                kind: "call",
                bytes: ACTION_BYTES,
                run: () => (host.handlers[kind] = host.handlers[kind].filter((h) => h !== handler)),
              }),
          };
        },
      };
    };
    const Excel = {
      // Excel.run(fn), or Excel.run(context or object, fn) to work in an earlier context.
      run: async (first, second) => {
        const fn = typeof first === "function" ? first : second;
        if (host.cellEdit) {
          const waits = typeof first === "object" && first !== null && first.delayForCellEdit === true;
          if (!waits)
            throw new FakeError("InvalidOperationInCellEditMode", "The operation is not allowed while the user is editing a cell.");
          await new Promise((resolve) => host.cellEditEnded.push(resolve));
        }
        const context = new RequestContext(host);
        const result = await fn(context);
        if (context._queue.length) await context.sync();
        return result;
      },
      RequestContext,
    };
    const CustomFunctions = createCustomFunctions(host);
    const Office = {
      HostType: { Excel: "Excel" },
      VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
      context: {
        officeTheme: options.theme,
        requirements: {
          isSetSupported(name, version) {
            if (name === "ExcelApi") return versionAtLeast(host.excelApi, version || "1.1");
            if (name === "CustomFunctionsRuntime") return versionAtLeast("1.2", version || "1.1");
            return ["SharedRuntime", "RibbonApi"].includes(name) && versionAtLeast("1.1", version || "1.1");
          },
        },
      },
      addin: {
        onVisibilityModeChanged(handler) {
          host.handlers.visibility.push(handler);
          return Promise.resolve(() => {
            host.handlers.visibility = host.handlers.visibility.filter((h) => h !== handler);
            return Promise.resolve();
          });
        },
      },
      onReady(cb) {
        // neverReady: Excel never answers office.js (busy, or hung).
        if (options.neverReady) return new Promise(() => undefined);
        const info = { host: "Excel", platform: "OfficeOnline" };
        if (cb) setTimeout(() => cb(info), 0);
        return Promise.resolve(info);
      },
    };
    return { host, Excel, Office, CustomFunctions, quoteSheetName: quote };
  }

  const api = { createHost, parseAddress, FakeError };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.FakeExcel = api;
})(typeof window !== "undefined" ? window : globalThis);
