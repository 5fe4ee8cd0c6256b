// The YAML file format of the browser editor: the data files keep their comments, blank lines
// and layout when Decap CMS saves them, so a pull request shows only what the editor changed.
//
// Decap's own YAML format writes the whole file anew from the form's values: comments go,
// keys of every record come out in a scrambled order, long lines are folded. This format
// keeps the document it read (the `yaml` package's Document keeps comments and styles) and
// changes only the values the form changed. New records get their keys in the data model's
// order (`order`, generated from hooks/netvaerk/model.py) and empty form fields are left out.
import { Document, isMap, isPair, isScalar, isSeq, parse, parseDocument, visit } from "./yaml/index.js";

// Words that PyYAML (YAML 1.1, which `make check` reads with) takes as true/false/null.
const YAML11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

function isEmpty(value) {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

// The form's values without empty fields: Decap keeps a cleared box as "" and an untouched
// optional group as {}, which the data files' rules refuse; left out, a field takes its default.
export function prune(value) {
  if (Array.isArray(value)) return value.map(prune).filter((item) => !isEmpty(item));
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const pruned = prune(item);
      if (!isEmpty(pruned)) out[key] = pruned;
    }
    return out;
  }
  return value;
}

function keyOf(pair) {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function rank(order, key) {
  const index = order && order.keys ? order.keys.indexOf(key) : -1;
  return index < 0 ? Number.MAX_SAFE_INTEGER : index;
}

function ordered(value, order) {
  if (Array.isArray(value)) return value.map((item) => ordered(item, order));
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort((a, b) => rank(order, a) - rank(order, b));
    const out = {};
    for (const key of keys) out[key] = ordered(value[key], order && order.fields && order.fields[key]);
    return out;
  }
  return value;
}

// Line breaks that YAML readers fold or split on (U+2028, U+2029, NEL): kept only when
// written as escapes inside double quotes.
const UNICODE_BREAKS = /[\u0085\u2028\u2029]/;
const ESCAPES = { "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P" };

// Whether a text written plain would be read back as something else: by PyYAML (YAML 1.1,
// which `make check` reads with: 0b101, 1_000, 2027-01-28, yes, 1:20) or by this format
// itself (YAML 1.2: 1e3, 0o17). Such text is written in double quotes.
export function needsQuotes(text) {
  if (YAML11_WORDS.test(text)) return true;
  for (const version of ["1.1", "1.2"]) {
    try {
      if (parse(text, { version }) !== text) return true;
    } catch {
      return true;
    }
  }
  return false;
}

function styleText(scalar, typed) {
  if (typeof scalar.value !== "string") return;
  if (UNICODE_BREAKS.test(scalar.value)) scalar.type = "QUOTE_DOUBLE";
  else if (scalar.value.includes("\n")) scalar.type = "BLOCK_LITERAL";
  else if (!typed && needsQuotes(scalar.value)) scalar.type = "QUOTE_DOUBLE";
}

// Dates and clock times from the date and time fields (named by `order.typed`) stay plain:
// the data files write them so, and the site reads them as dates and times.
function styled(node, order) {
  visit(node, {
    Pair(_key, pair, path) {
      if (!isScalar(pair.value)) return;
      const typed = isTyped(pair, path, order);
      styleText(pair.value, typed);
      return visit.SKIP;
    },
    Scalar(_key, scalar) {
      styleText(scalar, false);
    },
  });
  return node;
}

function isTyped(pair, path, order) {
  // The order subtree of the map holding this pair: follow the keys from the root.
  let current = order;
  for (const ancestor of path) {
    if (isPair(ancestor) && current && current.fields) current = current.fields[keyOf(ancestor)];
  }
  return Boolean(current && current.typed && current.typed.includes(keyOf(pair)));
}

function fresh(doc, value, order, typed = false) {
  const node = doc.createNode(ordered(value, order));
  if (isScalar(node)) styleText(node, typed);
  else styled(node, order);
  return node;
}

function typedKey(order, key) {
  return Boolean(order && order.typed && order.typed.includes(key));
}

function sameScalar(node, value) {
  if (!isScalar(node)) return false;
  if (node.value === value) return true;
  // A text box hands back a `|` block without its final line break: the same text.
  if (typeof node.value === "string" && typeof value === "string" && node.value === `${value}\n`) return true;
  return node.type === "PLAIN" && typeof value === "string" && node.source === value;
}

// Items a save appends to a list (placeNew moves them to their place).
const ADDED = new WeakSet();

// The top-level lists whose new items go where their field puts them among the others, not at
// the end: a new meeting lands among the meetings by its date, as the file keeps them.
export const PLACE_NEW = { meetings: "date" };

function itemKey(item, field) {
  const value = isMap(item) ? item.get(field) : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

// Move each item this save appended to a list named in `placeNew` before the first older item
// whose field sorts after it. The items that were there stay as they are, in their order, so
// the diff shows only the new item, at its place.
function placeNew(contents, places) {
  if (!isMap(contents)) return;
  for (const [name, field] of Object.entries(places)) {
    const list = contents.get(name, true);
    if (!isSeq(list)) continue;
    const added = list.items.filter((item) => ADDED.has(item));
    for (const item of added) {
      const key = itemKey(item, field);
      if (key === undefined) continue;
      list.items.splice(list.items.indexOf(item), 1);
      let at = list.items.findIndex((other) => !ADDED.has(other) && (itemKey(other, field) ?? "") > key);
      if (at < 0) at = list.items.length;
      if (at === 0 && list.items.length > 0) {
        // The first item has no blank line before it; the one it displaces gets the new item's.
        [item.spaceBefore, list.items[0].spaceBefore] = [list.items[0].spaceBefore, item.spaceBefore];
      }
      list.items.splice(at, 0, item);
    }
  }
}

function update(doc, node, value, order, typed = false) {
  if (Array.isArray(value)) {
    // `speakers: Anna` is a list of one to the form: unchanged, it stays as written.
    if (isScalar(node) && value.length === 1 && sameScalar(node, value[0])) return node;
    if (!isSeq(node)) return fresh(doc, value, order);
    const spaced = node.items.length > 1 && node.items[1].spaceBefore;
    value.forEach((item, index) => {
      if (index < node.items.length) {
        node.items[index] = update(doc, node.items[index], item, order);
      } else {
        const added = fresh(doc, item, order);
        if (spaced) added.spaceBefore = true;
        node.items.push(added);
        ADDED.add(added);
      }
    });
    node.items.splice(value.length);
    return node;
  }
  if (value && typeof value === "object") {
    if (!isMap(node)) return fresh(doc, value, order);
    node.items = node.items.filter((pair) => Object.prototype.hasOwnProperty.call(value, keyOf(pair)));
    for (const [key, item] of Object.entries(value)) {
      const child = order && order.fields ? order.fields[key] : undefined;
      const pair = node.items.find((candidate) => keyOf(candidate) === key);
      if (pair) {
        pair.value = update(doc, pair.value, item, child, typedKey(order, key));
        continue;
      }
      // A new key goes where the data model puts it, before the first key that follows it.
      const added = doc.createPair(key, fresh(doc, item, child, typedKey(order, key)));
      const before = node.items.findIndex((other) => rank(order, keyOf(other)) > rank(order, key));
      node.items.splice(before < 0 ? node.items.length : before, 0, added);
    }
    return node;
  }
  return sameScalar(node, value) ? node : fresh(doc, value, order, typed);
}

export function createFormat(order, places = PLACE_NEW) {
  const documents = []; // every file read in this session, newest first
  // Unquoted 12.30 is a number to YAML, but an editor meant a time: the form gets the text.
  // The pattern of a clock time is the data model's (`order.clock`, from model.py).
  if (typeof order.clock !== "string") throw new Error("order.clock: the model's clock pattern is missing");
  const clock = new RegExp(`^(?:${order.clock})$`);

  function fromFile(content) {
    const doc = parseDocument(content || "");
    if (doc.errors.length > 0) {
      throw new Error(`YAML-fejl:\n${doc.errors.map((error) => error.message).join("\n")}`);
    }
    const clocks = [];
    visit(doc, {
      Scalar(_key, scalar) {
        if (scalar.type === "PLAIN" && typeof scalar.value === "number" && clock.test(scalar.source)) {
          clocks.push([scalar, scalar.value]);
          scalar.value = scalar.source;
        }
      },
    });
    const data = doc.toJS() || {};
    for (const [scalar, number] of clocks) scalar.value = number; // the file stays as written
    documents.unshift(doc);
    return data;
  }

  function toFile(data) {
    const value = prune(data);
    const keys = Object.keys(value);
    let doc = documents.find(
      (candidate) => isMap(candidate.contents) && candidate.contents.items.some((pair) => keys.includes(keyOf(pair))),
    );
    if (!doc) {
      doc = new Document({});
      documents.unshift(doc);
    }
    // The document read stays as read: Sveltia may write the same values more than once (the
    // save check, then the save), and each time the form's list is matched to the file's.
    doc = doc.clone();
    doc.contents = update(doc, doc.contents, value, order);
    placeNew(doc.contents, places);
    const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    // Only double-quoted texts hold these characters (styleText): written as escapes.
    return text.replace(/[\u0085\u2028\u2029]/g, (char) => ESCAPES[char]);
  }

  return { fromFile, toFile };
}
