// The YAML file format of the browser editor: the data files keep their comments, blank lines
// and layout when Decap CMS saves them, so a pull request shows only what the editor changed.
//
// Decap's own YAML format writes the whole file anew from the form's values: comments go,
// keys of every record come out in a scrambled order, long lines are folded. This format
// keeps the document it read (the `yaml` package's Document keeps comments and styles) and
// changes only the values the form changed. New records get their keys in the data model's
// order (`order`, generated from hooks/netvaerk/model.py) and empty form fields are left out.
import { Document, isMap, isScalar, isSeq, parseDocument, visit } from "./yaml/index.js";

// Unquoted 12.30 is a number to YAML, but an editor meant a time: the form gets the text.
const CLOCK = /^\d{1,2}[.:]\d{2}$/;
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

function styled(node) {
  visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value !== "string") return;
      if (scalar.value.includes("\n")) scalar.type = "BLOCK_LITERAL";
      else if (YAML11_WORDS.test(scalar.value)) scalar.type = "QUOTE_DOUBLE";
    },
  });
  return node;
}

function fresh(doc, value, order) {
  return styled(doc.createNode(ordered(value, order)));
}

function sameScalar(node, value) {
  if (!isScalar(node)) return false;
  if (node.value === value) return true;
  return node.type === "PLAIN" && typeof value === "string" && node.source === value;
}

function update(doc, node, value, order) {
  if (Array.isArray(value)) {
    if (!isSeq(node)) return fresh(doc, value, order);
    const spaced = node.items.length > 1 && node.items[1].spaceBefore;
    value.forEach((item, index) => {
      if (index < node.items.length) {
        node.items[index] = update(doc, node.items[index], item, order);
      } else {
        const added = fresh(doc, item, order);
        if (spaced) added.spaceBefore = true;
        node.items.push(added);
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
        pair.value = update(doc, pair.value, item, child);
        continue;
      }
      // A new key goes where the data model puts it, before the first key that follows it.
      const added = doc.createPair(key, fresh(doc, item, child));
      const before = node.items.findIndex((other) => rank(order, keyOf(other)) > rank(order, key));
      node.items.splice(before < 0 ? node.items.length : before, 0, added);
    }
    return node;
  }
  return sameScalar(node, value) ? node : fresh(doc, value, order);
}

export function createFormat(order) {
  const documents = []; // every file read in this session, newest first

  function fromFile(content) {
    const doc = parseDocument(content || "");
    if (doc.errors.length > 0) {
      throw new Error(`YAML-fejl:\n${doc.errors.map((error) => error.message).join("\n")}`);
    }
    const clocks = [];
    visit(doc, {
      Scalar(_key, scalar) {
        if (scalar.type === "PLAIN" && typeof scalar.value === "number" && CLOCK.test(scalar.source)) {
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
    doc.contents = update(doc, doc.contents, value, order);
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  }

  return { fromFile, toFile };
}
