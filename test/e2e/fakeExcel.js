/*
 * An in-memory Excel host: the part of the Excel JavaScript API the add-in's adapters use, over a
 * workbook held as plain data. It is a TEST DOUBLE (there is no Excel on Linux), and it fails the
 * way Excel fails: a property read before load() and sync() throws, a missing sheet fails at sync,
 * and, as in Excel, a failing operation leaves the operations before it in its batch applied. It
 * counts round trips and request sizes.
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
      this.sheets = sheets.map((s) => this.newSheet(s.name, s.values || [], s.visibility));
      this.active = this.sheets[0] ? this.sheets[0].name : undefined;
      this.settings = new Map();
      this.comments = new Map();
      this.nextComment = 1;
      this.selection = { sheet: this.active, address: "A1" };
    }
    newSheet(name, values, visibility) {
      const cells = new CellGrid();
      values.forEach((row, r) =>
        (row || []).forEach((v, c) => {
          if (v !== "" && v !== null && v !== undefined) cells.setRC(r, c, { value: v });
        }),
      );
      return { name, cells, merges: [], tables: [], frozenRows: 0, columnWidths: {}, visibility: visibility || "Visible" };
    }
    sheet(name) {
      return this.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
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
      this._context._queue.push({ kind: "load", bytes: 40 + list.join(",").length, run: () => this._resolve(list) });
      return this;
    }
    _resolve() {}
  }

  class RequestContext {
    constructor(host) {
      this._host = host;
      this._queue = [];
      this.workbook = new Workbook(this);
      this.application = {
        suspendApiCalculationUntilNextSync: () => this._queue.push({ kind: "call", bytes: 40, run: () => undefined }),
        suspendScreenUpdatingUntilNextSync: () => this._queue.push({ kind: "call", bytes: 40, run: () => undefined }),
      };
    }
    _write(bytes, run) {
      this._queue.push({ kind: "write", bytes, run });
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
      if (host.failAtSync && host.stats.syncs === host.failAtSync) {
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
      this.comments = new CommentCollection(context);
    }
    getSelectedRange() {
      const store = this._context._host.store;
      const r = new Range(
        this._context,
        () => store.sheet(store.selection.sheet),
        () => parseAddress(store.selection.address),
      );
      return r;
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
        return w;
      });
      return 40 * store.sheets.length;
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
        if (store.sheet(name)) throw new FakeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
        if (name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new FakeError("InvalidArgument", `${name} is not a valid sheet name.`);
        store.sheets.push(store.newSheet(name, []));
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
      if (orNull) context._queue.push({ kind: "load", bytes: 40, run: () => this._resolve([]) });
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
      return 40;
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
        const sheet = this._sheet();
        const clash = this._store().sheet(value);
        if (clash && clash !== sheet) throw new FakeError("ItemAlreadyExists", `A sheet named ${value} already exists.`);
        if (this._store().active === sheet.name) this._store().active = value;
        sheet.name = value;
        this._name = value;
      });
    }
    get visibility() {
      return this._get("visibility");
    }
    delete() {
      this._context._write(40, () => {
        const store = this._store();
        const sheet = this._sheet();
        store.sheets = store.sheets.filter((s) => s !== sheet);
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
        () => ({ r1: row, c1: col, r2: row + rows - 1, c2: col + cols - 1 }),
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
          bytes: 40,
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
                      ? cell.value
                      : "";
              row.push(p === "text" ? String(v) : v);
              bytes += typeof v === "string" ? v.length + 3 : 8;
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
      return Array.isArray(v) ? JSON.stringify(v).length : String(v).length + 20;
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
        this._eachCell((cell, r, c) => {
          const value = Array.isArray(v) ? v[r][c] : v;
          // As Excel does: text starting "=" becomes a formula unless the cell is formatted as text.
          if (typeof value === "string" && value.startsWith("=") && cell.numberFormat !== "@") {
            cell.formula = value;
            cell.value = "#FORMULA";
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
        this._eachCell((cell, r, c) => {
          const f = Array.isArray(v) ? v[r][c] : v;
          cell.formula = f;
          cell.value = "#FORMULA";
        });
      });
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
          return { r1: b.r1 + r, c1: b.c1 + c, r2: b.r1 + r, c2: b.c1 + c };
        },
      );
    }
    getMergedAreasOrNullObject() {
      const self = this;
      const areas = new ClientObject(this._context);
      areas._resolve = function () {
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
        bytes: 40,
        run: () => {
          if (!this._context._host.supportsImages) throw new FakeError("ApiNotFound", "getImage is not supported here.");
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

  class CommentCollection extends ClientObject {
    add(address, content) {
      const comment = new ClientObject(this._context);
      const store = this._context._host.store;
      let id;
      this._context._write(address.length + content.length + 20, () => {
        const a = parseAddress(address);
        if (!a.sheet || !store.sheet(a.sheet))
          throw new FakeError("InvalidArgument", `Comments need a sheet-qualified address: ${address}`);
        id = `c${store.nextComment++}`;
        store.comments.set(id, { address: `${a.sheet}!${a1(a.r1, a.c1)}`, content });
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
    getItem(id) {
      return {
        delete: () =>
          this._context._write(30, () => {
            if (!this._context._host.store.comments.delete(id)) throw new FakeError("ItemNotFound", `No comment ${id}.`);
          }),
      };
    }
  }

  /**
   * A host over a workbook: { sheets: [{ name, values }] }. Options: failAtSync (the nth sync fails),
   * latencyMs (per sync), supportsImages.
   */
  function createHost(workbook, options) {
    options = options || {};
    const host = {
      store: new Store(workbook.sheets),
      stats: { syncs: 0, largestRequest: 0, largestResponse: 0 },
      limits: { requestBytes: 5 * 1024 * 1024, responseBytes: 5 * 1024 * 1024 },
      failAtSync: options.failAtSync,
      latencyMs: options.latencyMs || 0,
      supportsImages: options.supportsImages !== false,
    };
    const Excel = {
      run: async (fn) => {
        const context = new RequestContext(host);
        const result = await fn(context);
        if (context._queue.length) await context.sync();
        return result;
      },
      RequestContext,
    };
    const Office = {
      HostType: { Excel: "Excel" },
      context: { officeTheme: options.theme },
      onReady(cb) {
        const info = { host: "Excel", platform: "OfficeOnline" };
        if (cb) setTimeout(() => cb(info), 0);
        return Promise.resolve(info);
      },
    };
    return { host, Excel, Office, quoteSheetName: quote };
  }

  const api = { createHost, parseAddress, FakeError };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.FakeExcel = api;
})(typeof window !== "undefined" ? window : globalThis);
