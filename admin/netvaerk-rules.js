// The meetings' cross-field rules in the browser: the same rule book `make check` evaluates.
//
// The rules are not written here. hooks/netvaerk/content/rules.py writes each one as data
// (end after start, the programme inside the meeting and in order, dates not after the
// meeting, unique ids ...), hooks/netvaerk/content/relations.py evaluates it for `make check`,
// and hooks/netvaerk/editing/browser_rules.py hands the same book to this file as JSON (in
// /admin/index.html): this is only a generic evaluator of its few operators, with the Danish
// messages filled in as Python fills them. Pure: no DOM, so Node runs it in the tests.

// A date as the form and the file hold it (YYYY-MM-DD); compares by its day number.
class Day {
  constructor(iso, number) {
    this.iso = iso;
    this.number = number;
  }
  static parse(value) {
    const text = String(value ?? "").trim();
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return null;
    const [year, month, day] = match.slice(1).map(Number);
    const moment = new Date(0);
    moment.setUTCFullYear(year, month - 1, day);
    if (moment.getUTCFullYear() !== year || moment.getUTCMonth() !== month - 1 || moment.getUTCDate() !== day) {
      return null; // 2027-02-30
    }
    return new Day(text, Math.round(moment.getTime() / 86400000));
  }
  valueOf() {
    return this.number;
  }
  toString() {
    return this.iso;
  }
}

// A clock time (9:30, 09.30); compares by its minute of the day.
class Clock {
  constructor(minutes) {
    this.minutes = minutes;
  }
  valueOf() {
    return this.minutes;
  }
  toString() {
    return `${String(Math.floor(this.minutes / 60)).padStart(2, "0")}:${String(this.minutes % 60).padStart(2, "0")}`;
  }
}

function convert(value, kind, book) {
  if (value === undefined || value === null || value === "") return null;
  if (kind === "date") return Day.parse(value);
  if (kind === "clock") {
    const match = new RegExp(book.clock).exec(String(value).trim());
    if (!match) return null;
    const [hour, minute] = [Number(match[1]), Number(match[2])];
    return hour > 23 || minute > 59 ? null : new Clock(hour * 60 + minute);
  }
  if (kind === "int") return Number.isInteger(Number(value)) ? Number(value) : null;
  return value;
}

// A record (a meeting or a programme item) with its facts, evaluated in its own scope.
class Frame {
  constructor(record, kind, book, facts) {
    this.record = record ?? {};
    this.kind = kind;
    this.book = book;
    this.facts = facts[kind] ?? {};
    this.scope = {};
    this.known = new Map();
  }
  get(path) {
    const [name] = path;
    if (path.length === 1 && name in this.facts) {
      if (!this.known.has(name)) this.known.set(name, evaluate(this.facts[name], this.scope, this.book));
      return this.known.get(name);
    }
    let value = this.record;
    for (const part of path) value = value && typeof value === "object" ? value[part] : undefined;
    const key = path.join(".");
    if ((value === undefined || value === null || value === "") && key in (this.book.defaults[this.kind] ?? {})) {
      value = this.book.defaults[this.kind][key];
    }
    if (value && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) {
      return null; // an optional group added and left empty: the file gets nothing
    }
    return convert(value, this.book.kinds[this.kind]?.[key], this.book);
  }
}

function lookup(path, scope) {
  const [first, ...rest] = path.split(".");
  const frame = scope[first];
  if (!frame || rest.length === 0) return null;
  const value = frame.get(rest);
  return value === undefined ? null : value;
}

const isSet = (value) => value !== null && value !== undefined;
const same = (a, b) => (typeof a === "object" || typeof b === "object" ? +a === +b : a === b);
const COMPARE = {
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  eq: (a, b) => same(a, b),
  ne: (a, b) => !same(a, b),
};

function exists(day, clock, book) {
  const gap = book.gaps[day.iso];
  return !gap || clock.minutes < gap[0] || clock.minutes >= gap[1];
}

// Regular-expression source as Python's re reads it, compiled once: "u" reads \uXXXX and
// the text by code point (a lone surrogate is one), "y" anchors a match at the start.
const PATTERNS = new Map();
function pattern(source, flags) {
  const key = `${flags}/${source}`;
  if (!PATTERNS.has(key)) PATTERNS.set(key, new RegExp(source, `u${flags}`));
  const found = PATTERNS.get(key);
  found.lastIndex = 0;
  return found;
}

// Every text of a record, wherever it stands: {text, path: "programme.2.title"} (the pass
// over "texts", whose rules point at the text's own field).
function texts(value, path = []) {
  if (typeof value === "string") return [{ text: value, path: path.join(".") }];
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => texts(inner, [...path, key]));
}

export function evaluate(term, scope, book) {
  const [op, ...args] = term;
  const value = (index) => evaluate(args[index], scope, book);
  switch (op) {
    case "field":
      return lookup(args[0], scope);
    case "const":
      return args[0];
    case "date":
      return Day.parse(args[0]);
    case "text": {
      const found = value(0);
      return isSet(found) ? String(found) : null;
    }
    case "or": {
      const first = value(0);
      return isSet(first) ? first : value(1);
    }
    case "if":
      return value(0) ? value(1) : value(2);
    case "and":
      return args.every((_, i) => value(i));
    case "any":
      return args.some((_, i) => value(i));
    case "not":
      return !value(0);
    case "set":
      return isSet(value(0));
    case "days": {
      const [start, end] = [value(0), value(1)];
      return isSet(start) && isSet(end) ? end - start : null;
    }
    case "in":
      return args[1].includes(value(0));
    case "length": {
      const found = value(0);
      return typeof found === "string" ? [...found].length : null;
    }
    case "starts": {
      const found = value(0);
      return typeof found === "string" && args[1].some((prefix) => found.startsWith(prefix));
    }
    case "local": {
      const found = value(0);
      return typeof found === "string" && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(found);
    }
    case "unquote": {
      const found = value(0);
      if (typeof found !== "string") return null;
      try {
        return decodeURIComponent(found);
      } catch {
        return found;
      }
    }
    case "fold": {
      const found = value(0);
      return typeof found === "string" ? found.trim().toLowerCase() : null;
    }
    case "unsuffix": {
      let found = value(0);
      if (typeof found !== "string") return null;
      for (const suffix of args[1]) if (found.endsWith(suffix)) found = found.slice(0, -suffix.length);
      return found;
    }
    case "row": {
      const key = evaluate(args[1], scope, book);
      if (!isSet(key)) return null;
      const table = book.tables[args[0]] ?? {};
      return Object.hasOwn(table, String(key)) ? (table[String(key)][args[2]] ?? null) : null;
    }
    case "search":
    case "matches": {
      const found = value(0);
      if (typeof found !== "string") return op === "search" ? null : false;
      if (op === "matches") return pattern(args[1], "y").test(found);
      return pattern(args[1], "").exec(found)?.[0] ?? null;
    }
    case "known":
    case "similar": {
      const found = value(0);
      if (typeof found !== "string") return null;
      if (op === "known") return book.known.has(found);
      return book.folded.get(found.toLowerCase()) ?? null;
    }
    case "exists": {
      const [day, clock] = [value(0), value(1)];
      return !isSet(day) || !isSet(clock) || exists(day, clock, book);
    }
    default:
      if (op in COMPARE) {
        const [a, b] = [value(0), value(1)];
        return isSet(a) && isSet(b) && COMPARE[op](a, b);
      }
      throw new Error(`unknown operator ${op}`);
  }
}

// The Danish formats of the messages, as text/danish.py writes them with Babel.
function formatDate(day, book, pattern) {
  const moment = new Date(day.number * 86400000);
  const { months, weekdays } = book.dates;
  const tokens = {
    EEEE: weekdays[moment.getUTCDay()],
    d: String(moment.getUTCDate()),
    MMMM: months[moment.getUTCMonth()],
    y: String(moment.getUTCFullYear()),
  };
  return pattern.replace(/'([^']*)'|EEEE|MMMM|d|y/g, (token, quoted) => quoted ?? tokens[token]);
}

const FORMATS = {
  code: (value) =>
    typeof value === "string" && [...value].length === 1
      ? `U+${value.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`
      : String(value),
  clock: (value) => (value instanceof Clock ? String(value).replace(":", ".") : String(value)),
  long_date: (value, book) => (value instanceof Day ? formatDate(value, book, book.dates.long) : String(value)),
  text: (value) => String(value),
};

function fill(template, scope, book) {
  return template.replace(/\{([a-z_.]+)(?::([a-z_]+))?\}/g, (_, path, format) =>
    FORMATS[format || "text"](lookup(path, scope), book),
  );
}

// meetings[3].programme[2].start, as make check names a field.
function fieldName(loc) {
  return loc.map((part, i) => (typeof part === "number" ? `[${part}]` : i ? `.${part}` : part)).join("");
}

function at(loc, template, scope, book) {
  const parts = fill(template, scope, book)
    .split(".")
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return fieldName([...loc, ...parts]);
}

function* findings(rules, loc, scope, book) {
  for (const rule of rules) {
    if (evaluate(rule.when, scope, book)) {
      yield [{ field: at(loc, rule.at, scope, book), message: fill(rule.message, scope, book) }, rule.skip];
    }
  }
}

function recordFrame(record, rules, book) {
  const frame = new Frame(record, rules.scope, book, rules.facts);
  frame.scope = { [rules.scope]: frame };
  return frame;
}

function* checkBook(data, rules, book) {
  const { facts, passes, across, records: key, scope: name } = rules;
  const records = Array.isArray(data?.[key]) ? data[key] : [];
  for (const [index, meeting] of records.entries()) {
    if (!meeting || typeof meeting !== "object") continue;
    const loc = [key, index];
    const frame = recordFrame(meeting, rules, book);
    const lists = {};
    for (const pass of passes) {
      if (pass.over === name || pass.over in lists) continue;
      const records =
        pass.over === "texts" ? texts(meeting) : Array.isArray(meeting[pass.over]) ? meeting[pass.over] : [];
      const items = records.map((record) => new Frame(record, pass.over, book, facts));
      items.forEach((item, i) => {
        item.scope = { [name]: frame, item, next: items[i + 1] ?? null };
      });
      lists[pass.over] = items;
    }
    for (const pass of passes) {
      if (pass.over === name) {
        for (const [found] of findings(pass.rules, loc, frame.scope, book)) yield found;
        continue;
      }
      let previous = null;
      for (const [i, item] of lists[pass.over].entries()) {
        const scope = { ...item.scope, previous };
        let skipped = false;
        const where = pass.over === "texts" ? loc : [...loc, pass.over, i];
        for (const [found, skip] of findings(pass.rules, where, scope, book)) {
          yield found;
          if (skip) {
            skipped = true;
            break;
          }
        }
        if (!skipped) previous = item;
      }
    }
  }
  for (const unique of across) {
    const seen = new Set();
    for (const [index, record] of records.entries()) {
      if (!record || typeof record !== "object") continue;
      const frame = recordFrame(record, rules, book);
      const found = evaluate(unique.key, frame.scope, book);
      if (!isSet(found)) continue;
      const seenKey = String(found);
      if (seen.has(seenKey)) {
        yield {
          field: at([key, index], unique.at, frame.scope, book),
          message: fill(unique.message, frame.scope, book),
        };
      }
      seen.add(seenKey);
    }
  }
}

// Every problem of a data file's data as the form holds it: [{field, message}], in make
// check's order for each book (meetings, materials, members, organisers). `uploaded`: files
// put into docs/materialer/ in this editing session, which the build did not know yet.
export function checkData(data, rules, uploaded = []) {
  const files = [...rules.files, ...uploaded];
  const book = {
    ...rules,
    known: new Set(files),
    folded: new Map(files.map((name) => [name.toLowerCase(), name])),
  };
  return rules.books.flatMap((each) => [...checkBook(data, each, book)]);
}

// A short, one-line rendering of a value in a meeting's name (content/naming.py's _text).
function shortText(value, book) {
  if (typeof value !== "string" && typeof value !== "number") return "";
  const day = typeof value === "string" ? Day.parse(value) : null;
  if (day) return formatDate(day, book, book.dates.short);
  // eslint-disable-next-line no-control-regex
  const text = String(value).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, "").split(/\s+/).filter(Boolean).join(" ");
  return [...text].length <= 60 ? text : `${[...text].slice(0, 59).join("")}…`;
}

// What a problem is about, in the editor's words: the meeting as make check names it
// (»mødet »Tema« (18. november 2027)«) and the field by its label in the form (»Sluttid«).
export function describe(problem, data, rules) {
  const found = /^(meetings|members|organisers)\[(\d+)\]/.exec(problem.field);
  let subject = "";
  if (found) {
    const [key, index] = [found[1], Number(found[2])];
    const record = data?.[key]?.[index] ?? {};
    const { names } = rules;
    if (key === "meetings") {
      const title = shortText(record.title, rules);
      const day = shortText(record.date, rules);
      if (title && day) subject = names.title_day.replace("{title}", title).replace("{day}", day);
      else if (title) subject = names.title.replace("{title}", title);
      else if (day) subject = names.day.replace("{day}", day);
    } else {
      const name = shortText(record.name, rules) || shortText(record.id, rules);
      if (name) subject = names[key].replace("{name}", name);
    }
    if (!subject) {
      subject = names.position.replace("{ordinal}", names.ordinals[key]).replace("{number}", String(index + 1));
    }
  }
  const label = (rules.labels ?? {})[problem.field.replace(/\[\d+\]/g, "")] ?? "";
  return { ...problem, subject, label };
}
