// The project's own Markdown and link rules, in Python, in the browser.
//
// `make check` judges editors' Markdown by rendering it with Python-Markdown and inspecting
// the HTML against an allow-list (hooks/netvaerk/text/safe_markdown.py), and their links as
// MkDocs resolves them (text/link_check.py). No rule book for netvaerk-rules.js can say that,
// and a JavaScript copy would be a second source. So the editor runs those very modules in
// Pyodide (CPython compiled to WebAssembly, from npm, served from the site under /admin/pyodide/)
// with the Python-Markdown the build uses: the build packs both into netvaerk-python.zip
// (hooks/netvaerk/editing/admin.py). Nothing is fetched from anywhere but the site: Pyodide's
// package base is pointed at the site too, and no package is ever loaded.
//
// `loadRules` is shared by the editor's worker (netvaerk-python-worker.js) and the tests,
// which run the same code in Node (tests/test_browser_rules.py). `startRules` and
// `judgeMarkdown` are the page's side: a Web Worker, started when a Markdown field is first
// edited or saved, so the editor opens as fast as without it.

export const PYODIDE_DIR = "pyodide/";
export const ARCHIVE = "netvaerk-python.zip";
const EXTRACT_DIR = "/netvaerk-python";
// How long a save waits for Python to load before it gives up and saves without it (the pull
// request's check still judges the text). Measured: 4-20 s in headless Chromium on a busy
// 2-core machine (README).
export const LOAD_LIMIT_MS = 60_000;

// Load Pyodide from `indexURL` with the archive's modules and return the rules' one call:
// judge(kind, data, routes) → [{field, message}] in make check's words.
export async function loadRules(loadPyodide, indexURL, archive) {
  const pyodide = await loadPyodide({
    indexURL,
    // Where Pyodide would fetch packages from (and its CDN fallback): the site, never jsDelivr.
    packageBaseUrl: indexURL,
  });
  pyodide.unpackArchive(new Uint8Array(archive), "zip", { extractDir: EXTRACT_DIR });
  pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(EXTRACT_DIR)})`);
  const rules = pyodide.pyimport("netvaerk.editing.browser_markdown");
  return (kind, data, routes) => JSON.parse(rules.judge(kind, JSON.stringify(data), JSON.stringify(routes)));
}

// What of the meetings file the Markdown rules look at: each meeting's Markdown fields
// (`paths`, from the build: browser_markdown.markdown_paths) with its id, date and whether it
// has an invitation (the pages its Markdown stands on).
// `markdownOfMeetings` reads it from the data; `markdownChanged` says whether a save must ask
// Python: a meeting with Markdown that is new or changed, or a meeting's page gone (a link to
// it may break). Otherwise the file's verdict stands and the save need not wait for Python.
export function markdownOfMeetings(data, paths) {
  const valuesAt = (value, parts) => {
    // a text with or without its last line break renders alike (the form drops it)
    if (!parts.length) return typeof value === "string" ? value.trimEnd() || null : (value ?? null);
    if (Array.isArray(value)) return value.map((item) => valuesAt(item, parts));
    return valuesAt(value?.[parts[0]], parts.slice(1));
  };
  const meetings = Array.isArray(data?.meetings) ? data.meetings : [];
  const texts = new Set();
  const pages = new Set();
  for (const meeting of meetings) {
    // its pages: the meeting's, and the invitation's when it has one (the programme is there too)
    const page = JSON.stringify([meeting?.id ?? null, meeting?.date ?? null, Boolean(meeting?.announcement)]);
    pages.add(page);
    const values = paths.map((path) => valuesAt(meeting, path.split(".")));
    if (values.flat(Infinity).some((value) => typeof value === "string")) {
      texts.add(JSON.stringify([page, values]));
    }
  }
  return { texts, pages };
}

export function markdownChanged(before, after) {
  if (!before) return true;
  const added = [...after.texts].some((text) => !before.texts.has(text));
  return added || [...before.pages].some((page) => !after.pages.has(page));
}

// The page's side. The worker answers {ready} or {failed} once, then {id, problems} or
// {id, failed} per question.
let worker = null;
let ready = null;
let asked = 0;
const waiting = new Map();

export function startRules(base = new URL(".", import.meta.url)) {
  if (ready) return ready;
  ready = new Promise((resolve, reject) => {
    try {
      worker = new Worker(new URL("netvaerk-python-worker.js", base), { type: "module" });
    } catch (error) {
      reject(error);
      return;
    }
    const timer = setTimeout(() => reject(new Error("Python loaded too slowly")), LOAD_LIMIT_MS);
    worker.addEventListener("error", (event) => {
      clearTimeout(timer);
      reject(new Error(event.message || "the worker failed"));
      for (const { fail } of waiting.values()) fail(new Error("the worker failed"));
      waiting.clear();
    });
    worker.addEventListener("message", ({ data }) => {
      if ("ready" in data) {
        clearTimeout(timer);
        resolve(data.ready);
      } else if ("failed" in data && !("id" in data)) {
        clearTimeout(timer);
        reject(new Error(data.failed));
      } else if (waiting.has(data.id)) {
        const { done, fail } = waiting.get(data.id);
        waiting.delete(data.id);
        if ("failed" in data) fail(new Error(data.failed));
        else done(data.problems);
      }
    });
  });
  ready.catch(() => worker?.terminate());
  return ready;
}

// make check's Markdown and link problems of `data` (`kind`: "meetings", the meetings file as
// the form holds it, or "news", {body}), or a rejection when Python cannot be had here.
export async function judgeMarkdown(kind, data, routes) {
  await startRules();
  const id = ++asked;
  return new Promise((done, fail) => {
    waiting.set(id, { done, fail });
    worker.postMessage({ id, kind, data, routes });
  });
}
