// Starts the browser editor at /admin/ (index.html sets CMS_MANUAL_INIT, so Sveltia waits for
// this module): the data files are read and written by the site's own YAML format, which
// keeps their comments and layout (netvaerk-yaml.js). The forms themselves are configured in
// config.yml, generated from the data model by hooks/netvaerk/editing/cms.py.
import { branchForRoute, fetchCheckResult } from "./netvaerk-checks.js";
import { formKeyPath, installFieldStyle, jumpTo, showAtFields, unmarkAll, unmarkOnChange } from "./netvaerk-fields.js";
import { newsSlug, safeFileName, withMaterialPaths } from "./netvaerk-files.js";
import { judgeMarkdown, markdownChanged, markdownOfMeetings, startRules } from "./netvaerk-python.js";
import { checkData, describe } from "./netvaerk-rules.js";
import { createFormat, prune } from "./netvaerk-yaml.js";
import { parse as parseYaml, stringify as stringifyYaml } from "./yaml/index.js";

// Once logged in with GitHub, Sveltia asks GitHub's status page (a third party, Atlassian
// Statuspage) whether GitHub is up. The site asks no third party for anything: the answer
// "no known problems" is given here, and a real outage still shows as failing requests to
// GitHub itself.
const STATUS_PAGE = "https://www.githubstatus.com/";
const fetchFromNetwork = window.fetch.bind(window);
window.fetch = (resource, options) => {
  const url = resource instanceof Request ? resource.url : String(resource);
  if (url.startsWith(STATUS_PAGE)) {
    const body = JSON.stringify({ status: { indicator: "none" }, components: [] });
    return Promise.resolve(new Response(body, { headers: { "Content-Type": "application/json" } }));
  }
  return fetchFromNetwork(resource, options);
};

const order = JSON.parse(document.getElementById("netvaerk-field-order").textContent);
const yamlFormat = createFormat(order);
// A material's file may be pasted as the media library copies it (»Filsti« or »Offentlig URL«):
// the file gets the path the data files use, materialer/<name> (netvaerk-files.js).
const siteUrl = document.documentElement.dataset.netvaerkSite ?? "";
const format = {
  fromFile: (content) => {
    const data = yamlFormat.fromFile(content);
    // the meetings file as read: a save that leaves its Markdown as it was skips Python
    if (data && typeof data === "object" && "meetings" in data) readMarkdown = markdownOf(data);
    return data;
  },
  toFile: (data) => yamlFormat.toFile(withMaterialPaths(data, siteUrl)),
};
window.CMS.registerCustomFormat("netvaerk-yaml", "yaml", format);

// Uploaded files get safe names (netvaerk-files.js) before Sveltia's file input or drop zone
// sees them: its own slug option would turn »ø« into »o«.
function withSafeNames(files) {
  const renamed = new DataTransfer();
  for (const file of files) {
    const name = safeFileName(file.name);
    renamed.items.add(name === file.name ? file : new File([file], name, file));
  }
  return renamed;
}

const needsRenaming = (files) => [...files].some((file) => safeFileName(file.name) !== file.name);

for (const type of ["input", "change"]) {
  document.addEventListener(
    type,
    (event) => {
      const input = event.target;
      if (input instanceof HTMLInputElement && input.type === "file" && needsRenaming(input.files)) {
        input.files = withSafeNames(input.files).files;
      }
    },
    true,
  );
}
document.addEventListener(
  "drop",
  (event) => {
    const files = event.dataTransfer?.files;
    if (!files?.length || !needsRenaming(files)) return;
    // A drop's files cannot be changed: the same drop is sent again with the renamed files.
    event.stopImmediatePropagation();
    event.preventDefault();
    const again = new DragEvent("drop", {
      bubbles: true,
      cancelable: true,
      composed: true,
      clientX: event.clientX,
      clientY: event.clientY,
      dataTransfer: withSafeNames(files),
    });
    event.target.dispatchEvent(again);
  },
  true,
);

// A folded list item (a meeting, a member) shows its summary, »2027-09-23 · Tema«, but only the
// small arrow before it unfolds it. A click on the summary unfolds it too: the arrow is the
// button whose aria-controls names the item's body.
function foldButtonFor(target) {
  const summary = target instanceof Element ? target.closest(".summary") : null;
  const body = summary?.parentElement;
  if (!body?.id) return null;
  return document.querySelector(`button[aria-controls="${CSS.escape(body.id)}"][aria-expanded="false"]`);
}
document.addEventListener("click", (event) => foldButtonFor(event.target)?.click());
const unfoldStyle = document.createElement("style");
unfoldStyle.textContent = "[id$='-body'] > .summary { cursor: pointer; }";
document.head.append(unfoldStyle);

// A native date field reads typing in the browser's own language, not the page's: in an
// English Chrome `11-03-2027` becomes 3 November, silently. Under every date field the date it
// holds is written out in Danish words (»torsdag den 11. marts 2027«, as the site writes it),
// so the editor sees what was understood while typing; an incomplete date says so.
const DANISH_DATE = new Intl.DateTimeFormat("da-DK", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
function dateInWords(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  if (!match) return "";
  return DANISH_DATE.format(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])));
}
function sayDate(input) {
  const id = `${input.id || (input.id = `nk-date-${crypto.randomUUID()}`)}-ord`;
  let words = document.getElementById(id);
  if (!words) {
    words = document.createElement("p");
    words.id = id;
    words.className = "nk-date-words";
    words.setAttribute("aria-live", "polite");
    words.style.cssText = "margin:.3rem 0 0;font-size:.9rem;font-weight:600";
    // After the field's own box (the input and Sveltia's »I dag« button), not inside it.
    const box = input.closest("[role=none], .sui.text-input") ?? input;
    box.after(words);
    input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") ?? ""} ${id}`.trim());
  }
  const said = dateInWords(input.value);
  words.dataset.date = input.value;
  words.textContent = said
    ? `Datoen er ${said}.`
    : input.validity.badInput
      ? "Datoen er ikke udfyldt helt."
      : "";
}
const isDateField = (target) => target instanceof HTMLInputElement && target.type === "date";
for (const type of ["input", "change"]) {
  document.addEventListener(type, (event) => isDateField(event.target) && sayDate(event.target), true);
}
function sayAllDates() {
  for (const input of document.querySelectorAll('input[type="date"]')) {
    const words = input.id && document.getElementById(`${input.id}-ord`);
    if (!words || words.dataset.date !== input.value) sayDate(input);
  }
}
// Fields drawn or unfolded later, and values set without an input event (Sveltia's »I dag«).
new MutationObserver(sayAllDates).observe(document.body, { subtree: true, childList: true });
document.addEventListener("click", () => requestAnimationFrame(sayAllDates));

// In `make edit` the page names a loopback check (hooks/netvaerk/editing/savecheck.py): before
// a data file is saved, the text about to be written goes through `make check`'s own rules.
// Problems are shown in Danish, file, line and field, and the save is stopped.
const checkUrl = document.documentElement.dataset.netvaerkCheck;

// A refused save's problems are shown at their fields too (netvaerk-fields.js): the record
// unfolded, the field outlined, aria-invalid and described by the message under it, the first
// one in view with the cursor in it. A changed field loses its mark; a save that passes, all.
installFieldStyle(document);
unmarkOnChange(document);
let focusAfterRefusal = null; // Sveltia's closed dialog gives the focus back to »Gem«: retaken

function showProblems(answer, found = new Set()) {
  let panel = document.getElementById("netvaerk-problems");
  if (!panel) {
    panel = document.createElement("section");
    panel.id = "netvaerk-problems";
    panel.setAttribute("role", "alert");
    panel.style.cssText =
      "position:fixed;z-index:99999;left:50%;bottom:1.5rem;transform:translateX(-50%);" +
      "max-width:46rem;width:calc(100% - 2rem);background:#fff4f2;color:#5a1409;" +
      "border:2px solid #b3261e;border-radius:6px;padding:1rem 1.25rem;" +
      "box-shadow:0 4px 18px rgba(0,0,0,.25);font:1rem/1.45 sans-serif";
    document.body.append(panel);
  }
  panel.replaceChildren();
  const heading = document.createElement("h2");
  heading.textContent = "Ikke gemt – ret dette først:";
  heading.style.cssText = "margin:0 0 .5rem;font-size:1.1rem";
  const list = document.createElement("ul");
  list.style.cssText = "margin:0 0 .75rem;padding-left:1.25rem";
  for (const problem of answer.problems) {
    const item = document.createElement("li");
    // What it is about in the editor's words: the record (»mødet »Tema« (18. november 2027)«)
    // and the field by its label in the form (»Sluttid«); the field's path only when neither.
    const about = [problem.subject, problem.label].filter(Boolean).join(", ") || problem.field;
    const text = `${about ? `${about}: ` : ""}${problem.message}`;
    if (found.has(problem.keyPath)) {
      // A line whose field is in the form leads to it.
      const jump = document.createElement("button");
      jump.type = "button";
      jump.className = "nk-jump";
      jump.textContent = text;
      jump.title = "Gå til feltet";
      jump.style.cssText =
        "all:unset;display:block;text-align:left;cursor:pointer;text-decoration:underline;" +
        "text-underline-offset:2px;color:inherit";
      jump.addEventListener("click", () => jumpTo(document, problem.keyPath));
      item.append(jump);
    } else {
      item.textContent = text;
    }
    list.append(item);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Luk";
  close.addEventListener("click", () => panel.remove());
  panel.append(heading, list, close);
}

// Refuse the save with these problems ({field, message, subject, label}, `field` counted in
// `written`, the data as the file gets it): at their fields in `form`, and in the panel.
async function refuseWith(problems, written, form, summary) {
  const located = problems.map((problem) => ({
    ...problem,
    keyPath: formKeyPath(problem.field, written, form, prune),
  }));
  const { found, first } = await showAtFields(document, located);
  showProblems({ problems: located }, found);
  focusAfterRefusal = first;
  refuseSave(summary);
}

// A preSave hook can stop a save only by throwing, and Sveltia answers any such stop with its
// own generic dialog (»Fejl: Der opstod en fejl da dokumentet skulle gemmes. Prøv igen
// senere.«), modal, on top of the panel that says what is wrong. After a refusal of ours that
// dialog is closed as it opens (its OK button), hidden meanwhile so it does not flash: the
// editor sees only our panel. `refuseSave` is for every refusal (the check, the rules).
const REFUSING = "netvaerk-refusing";
const refusingStyle = document.createElement("style");
refusingStyle.textContent =
  `html.${REFUSING} dialog[role="alertdialog"],` +
  `html.${REFUSING} dialog[role="alertdialog"]::backdrop { opacity: 0 !important; }`;
document.head.append(refusingStyle);
let refusedUntil = 0;
function closeGenericDialog() {
  if (Date.now() > refusedUntil) return;
  for (const dialog of document.querySelectorAll('dialog[role="alertdialog"][open]')) {
    const ok = dialog.querySelector(".footer button") ?? dialog.querySelector("button");
    if (!ok) continue;
    ok.click();
    refusedUntil = 0;
    holdFocus(focusAfterRefusal);
    focusAfterRefusal = null;
    // Let the closing finish unseen before the class goes.
    setTimeout(() => document.documentElement.classList.remove(REFUSING), 400);
  }
}
new MutationObserver(closeGenericDialog).observe(document.body, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ["open"],
});
// The closed dialog hands the focus back to a button of Sveltia's as its closing animation
// ends: for a moment the cursor is kept in the first marked field, unless the editor acts.
function holdFocus(target) {
  if (!target) return;
  let acted = false;
  const stop = () => (acted = true);
  document.addEventListener("pointerdown", stop, { capture: true, once: true });
  document.addEventListener("keydown", stop, { capture: true, once: true });
  for (const wait of [0, 100, 300, 600, 1000, 1500]) {
    setTimeout(() => {
      if (!acted && target.isConnected && document.activeElement !== target) target.focus({ preventScroll: true });
    }, wait);
  }
}

function refuseSave(summary) {
  refusedUntil = Date.now() + 5000;
  document.documentElement.classList.add(REFUSING);
  setTimeout(() => {
    if (Date.now() > refusedUntil) document.documentElement.classList.remove(REFUSING);
  }, 5100);
  throw new Error(summary);
}

// The hook sees the form's values with Sveltia's own bookkeeping keys, which no file gets.
function withoutBookkeeping(value) {
  if (Array.isArray(value)) return value.map(withoutBookkeeping);
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([key]) => !key.startsWith("__sc_"));
    return Object.fromEntries(entries.map(([key, item]) => [key, withoutBookkeeping(item)]));
  }
  return value;
}

if (checkUrl) {
  window.CMS.registerEventListener({
    name: "preSave",
    handler: async ({ entry }) => {
      const path = entry.get("path");
      if (!/^data\/.*\.yaml$/.test(path)) return undefined;
      const form = withoutBookkeeping(entry.get("data").toJS());
      const text = format.toFile(form);
      let answer;
      try {
        const response = await fetch(checkUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ path, text }),
        });
        answer = await response.json();
      } catch {
        return undefined; // the check is not running: make check and the build still are
      }
      document.getElementById("netvaerk-problems")?.remove();
      unmarkAll(document);
      if (answer.ok) return undefined;
      // Problems in this file have a field in this form; another file's stay in the panel.
      let written = null;
      try {
        written = parseYaml(text);
      } catch {
        // the check said why; the fields are then found by their numbers as written
      }
      const problems = answer.problems.map((problem) => (problem.file === path ? problem : { ...problem, field: "" }));
      await refuseWith(problems, written, form, answer.summary);
    },
  });
}
// The data files' cross-field rules run here before every save, with no server: the production
// editor too refuses an end before the start, a programme out of order, a deadline after the
// meeting, a material whose file is missing, an id used twice ... in make check's own words. The rules are
// content/rules.py's, handed over by the build in the page (netvaerk-rules.js evaluates them).
// In make edit the loopback check above runs first, with every other rule too.
const rules = JSON.parse(document.getElementById("netvaerk-rules").textContent);
const uploaded = new Set(); // files put into docs/materialer/ in this session: not built yet
document.addEventListener(
  "change",
  (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
    for (const file of input.files ?? []) uploaded.add(`materialer/${safeFileName(file.name)}`);
  },
  true,
);
// The Markdown of the meetings (descriptions, the invitation's text) and of news items is
// judged by make check's own Python, run here in Pyodide (netvaerk-python.js): HTML, scripts,
// attribute lists, javascript: links, placeholders, text too deep or costly to render, and
// relative links that reach no file of the site (the build hands over its files: `routes`).
// It loads in a worker when a Markdown field is first edited or a save needs it; a save waits
// for it with a note, and if it cannot load the save goes ahead as before (the pull request's
// check still refuses such text). In make edit the loopback check above has judged it already.
let readMarkdown = null; // the Markdown of the meetings file as read or last saved (see format)
const routes = JSON.parse(document.getElementById("netvaerk-routes")?.textContent ?? "{}");
function markdownOf(data) {
  return markdownOfMeetings(withMaterialPaths(prune(data), siteUrl), routes.markdown ?? []);
}
if (!checkUrl) {
  const warmUp = (event) => {
    if (event.target instanceof Element && event.target.closest('[data-field-type="markdown"]')) {
      startRules().catch(() => {});
    }
  };
  document.addEventListener("focusin", warmUp, true);
  document.addEventListener("input", warmUp, true);
}
const CHECKING = "Tjekker teksten …";
const UNCHECKED =
  "Teksten kunne ikke tjekkes her i browseren, så den er gemt uden det tjek. " +
  "Den tjekkes, når ændringen er sendt: se »Redigeringens tjek« før udgivelsen.";
function pythonNote(text, seconds = 0) {
  let note = document.getElementById("netvaerk-python-note");
  if (!text) {
    note?.remove();
    return;
  }
  if (!note) {
    note = document.createElement("p");
    note.id = "netvaerk-python-note";
    note.setAttribute("role", "status");
    note.style.cssText =
      "position:fixed;z-index:99998;right:1.5rem;bottom:1.5rem;max-width:28rem;margin:0;" +
      "background:#fff;color:#1f1f1f;border:2px solid #3f51b5;border-radius:6px;" +
      "padding:.75rem 1rem;box-shadow:0 4px 18px rgba(0,0,0,.2);font:1rem/1.45 sans-serif";
    document.body.append(note);
  }
  note.textContent = text;
  if (seconds) setTimeout(() => note.textContent === text && note.remove(), seconds * 1000);
}
// make check's Markdown problems of `data` as {field, message}; none when Python is not to be
// had (said in the note: the pull request's check judges the text then). A link with an anchor
// on a page the edit itself makes (the meeting's or the news item's own page, which only the
// build renders) cannot be judged here: Python names it, it does not stop the save, and the
// note says that the change's check judges it.
async function markdownProblems(kind, data) {
  if (checkUrl) return [];
  const shown = setTimeout(() => pythonNote(CHECKING), 150); // only when it is not instant
  try {
    const found = await judgeMarkdown(kind, data, routes);
    const unjudged = found.filter((problem) => problem.unjudged);
    pythonNote(unjudged.map((problem) => problem.message).join("\n"), unjudged.length ? 30 : 0);
    return found.filter((problem) => !problem.unjudged);
  } catch {
    pythonNote(UNCHECKED, 15);
    return [];
  } finally {
    clearTimeout(shown);
  }
}
// The page a news item stands on, nyheder/<name>.md: its file's, or for a new item the name
// Sveltia will give the file from its title (the collection's slug, editing/cms.py).
function newsPage(entry, form) {
  const file = /^docs\/(nyheder\/[^/]+\.md)$/.exec(entry.get("path") ?? "");
  if (file) return file[1];
  const slug = entry.get("slug") || newsSlug(form.title ?? "");
  return slug ? `nyheder/${slug}.md` : null;
}
window.CMS.registerEventListener({
  name: "preSave",
  handler: async ({ entry }) => {
    const path = entry.get("path");
    if (!["data/meetings.yaml", "data/members.yaml"].includes(path)) return undefined;
    const form = withoutBookkeeping(entry.get("data").toJS());
    const data = withMaterialPaths(prune(form), siteUrl);
    const problems = checkData(data, rules, [...uploaded]);
    const markdown = path === "data/meetings.yaml" ? markdownOf(data) : null;
    if (markdown && markdownChanged(readMarkdown, markdown)) {
      problems.push(...(await markdownProblems("meetings", data)));
    }
    document.getElementById("netvaerk-problems")?.remove();
    unmarkAll(document);
    if (!problems.length) {
      if (markdown) readMarkdown = markdown; // the file holds it now
      return undefined;
    }
    const described = problems.map((problem) => describe(problem, data, rules));
    await refuseWith(described, data, form, `Ikke gemt: ${problems.length} fejl`);
  },
});
// A news item's text, the same way (content/news_files.py's Markdown rule).
window.CMS.registerEventListener({
  name: "preSave",
  handler: async ({ entry }) => {
    const path = entry.get("path") ?? "";
    if (entry.get("collection") !== "nyheder" && !/^docs\/nyheder\/[^/]+\.md$/.test(path)) return undefined;
    const form = withoutBookkeeping(entry.get("data").toJS());
    const page = newsPage(entry, form);
    const problems = await markdownProblems("news", { body: form.body ?? "", page });
    document.getElementById("netvaerk-problems")?.remove();
    unmarkAll(document);
    if (!problems.length) return undefined;
    const described = problems.map((problem) => describe(problem, form, rules));
    await refuseWith(described, form, form, `Ikke gemt: ${problems.length} fejl`);
  },
});

// In production (GitHub backend, editorial workflow) each saved change is a pull request that
// CI checks: `make check`'s problems or `make changes`' description come back as a check run
// (hooks/netvaerk/editing/pr_check.py). For the entry open in the form, the panel below shows
// that result before anyone publishes, asked from GitHub with the editor's own login (Sveltia
// keeps it in localStorage). Nothing is asked before login, and visitors never load this page.
function githubLogin() {
  try {
    const user = JSON.parse(localStorage.getItem("sveltia-cms.user") ?? "null");
    return typeof user?.token === "string" && user.token ? user.token : "";
  } catch {
    return "";
  }
}

const CHECK_WORDS = {
  pending: [
    "Ændringen tjekkes …",
    "Resultatet kommer her om et par minutter. Udgiv først, når tjekket er i orden.",
  ],
  failed: [
    "Ændringen kan ikke udgives endnu – ret dette:",
    "Ret det i formularen, og gem igen: så tjekkes ændringen igen.",
  ],
  passed: ["Tjekket er i orden – ændringen kan udgives.", "Det gør ændringen:"],
  unknown: ["Tjekkets resultat kan ikke hentes fra GitHub lige nu.", "Der prøves igen om lidt."],
};

let hiddenCheck = ""; // the result the editor hid: shown again once it changes

function showCheckResult(result) {
  let panel = document.getElementById("netvaerk-pr-check");
  if (result.state === "none" || JSON.stringify(result) === hiddenCheck) {
    panel?.remove();
    return;
  }
  if (!panel) {
    panel = document.createElement("section");
    panel.id = "netvaerk-pr-check";
    panel.setAttribute("role", "status");
    panel.setAttribute("aria-live", "polite");
    document.body.append(panel);
  }
  const colours = {
    pending: "#f4f6fb;color:#1d2a44;border-color:#5b6b8c",
    failed: "#fff4f2;color:#5a1409;border-color:#b3261e",
    passed: "#f1f8f2;color:#123d1c;border-color:#2e7d32",
    unknown: "#f6f6f6;color:#333;border-color:#777",
  };
  panel.dataset.state = result.state;
  panel.style.cssText =
    "position:fixed;z-index:99998;right:1rem;bottom:1rem;max-width:30rem;" +
    "width:calc(100% - 2rem);max-height:45vh;overflow:auto;border:2px solid;" +
    "border-radius:6px;padding:.75rem 1rem;box-shadow:0 4px 18px rgba(0,0,0,.2);" +
    `font:.95rem/1.45 sans-serif;background:${colours[result.state]}`;
  const [headline, note] = CHECK_WORDS[result.state];
  const heading = document.createElement("h2");
  heading.textContent = headline;
  heading.style.cssText = "margin:0 0 .4rem;font-size:1.05rem;padding-right:3.5rem";
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Skjul";
  close.style.cssText = "position:absolute;top:.6rem;right:.75rem";
  close.addEventListener("click", () => {
    hiddenCheck = JSON.stringify(result);
    panel.remove();
  });
  const explain = document.createElement("p");
  explain.textContent = note;
  explain.style.margin = "0 0 .4rem";
  const parts = [heading, close];
  const list = () => {
    const element = document.createElement("ul");
    element.style.cssText = "margin:0 0 .4rem;padding-left:1.25rem";
    parts.push(element);
    return element;
  };
  const add = (element, tag, text) => {
    const child = document.createElement(tag);
    child.textContent = text;
    element.append(child);
    return child;
  };
  if (result.state === "failed") {
    parts.push(explain);
    const problems = list();
    for (const problem of result.problems) {
      // »mødet »Tema« (11. marts 2027), Sluttid: …«: the record, and the field by its label
      const about = [problem.subject, problem.label || (problem.subject ? "" : problem.file)];
      const named = about.filter(Boolean).join(", ");
      add(problems, "li", `${named ? `${named}: ` : ""}${problem.message}`);
    }
    const more = (result.count ?? 0) - result.problems.length;
    if (more > 0) add(problems, "li", `… og ${more} fejl mere (se ændringsforslaget på GitHub).`);
  } else if (result.state === "passed") {
    if (result.changes.length) parts.push(explain);
    let items = null;
    for (const line of result.changes) {
      if (line.item !== undefined) {
        items ??= list();
        add(items, "li", line.item);
        continue;
      }
      items = null;
      const block = document.createElement(line.heading !== undefined ? "h3" : "p");
      block.textContent = line.heading ?? line.text ?? "";
      block.style.cssText = line.heading !== undefined ? "margin:.4rem 0 .2rem;font-size:1rem" : "margin:0 0 .4rem";
      parts.push(block);
    }
  } else {
    parts.push(explain);
  }
  panel.replaceChildren(...parts);
}

async function startCheckPanel() {
  let backend;
  try {
    const response = await fetchFromNetwork(new URL("config.yml", document.baseURI));
    backend = parseYaml(await response.text())?.backend ?? {};
  } catch {
    return;
  }
  if (!backend.repo) return; // the in-browser test repository, or a local folder: no pull requests
  const api = backend.api_root || "https://api.github.com";
  let asked = 0;
  const refresh = async () => {
    const branch = branchForRoute(location.hash);
    const token = githubLogin();
    const mine = ++asked;
    if (!branch || !token) {
      showCheckResult({ state: "none" });
      return;
    }
    const result = await fetchCheckResult({ api, repo: backend.repo, branch, token, fetch: fetchFromNetwork });
    if (mine === asked) showCheckResult(result);
  };
  window.addEventListener("hashchange", refresh);
  window.addEventListener("focus", refresh);
  document.addEventListener("visibilitychange", () => document.hidden || refresh());
  setInterval(() => document.hidden || refresh(), 20_000);
  refresh();
}
startCheckPanel();
// The preview pane shows a meeting's page as the site renders it, under the site's own
// stylesheets (Material's and stylesheets/netvaerk.css, read from the home page's links). In
// `make edit` the loopback server renders the meetings being changed with the site's own
// renderers (hooks/netvaerk/editor_preview.py); without it (the production editor) the pane
// says in Danish where to see the page instead of showing a dump of the fields.
const previewUrl = checkUrl ? new URL("preview", checkUrl).href : "";
try {
  const home = await fetchFromNetwork(new URL("../", document.baseURI));
  const page = new DOMParser().parseFromString(await home.text(), "text/html");
  for (const link of page.querySelectorAll('link[rel="stylesheet"]')) {
    const href = new URL(link.getAttribute("href"), home.url);
    if (href.origin === location.origin) window.CMS.registerPreviewStyle(href.href);
  }
} catch {
  // no stylesheets: the preview is plainer, the editor works the same
}
const h = window.h;
const NO_SERVER =
  "Forhåndsvisningen af siden findes, når redigeringen er startet med »make edit«. " +
  "Her på hjemmesidens redigering ses siden på hjemmesiden, når ændringen er udgivet.";

// A news item's file as the site reads it: front matter (the form's fields, empty ones left
// out, as Sveltia writes them) and the text. A new item has no path yet: any name will do.
const NEWS_FIELDS = ["date", "title", "summary", "description"];
function newsFile(entry, data) {
  const front = {};
  for (const key of NEWS_FIELDS) {
    const value = data[key];
    if (value !== undefined && value !== null && String(value).trim() !== "") front[key] = value;
  }
  const path = entry.get("path");
  return {
    path: /^docs\/nyheder\/[^/]+\.md$/.test(path ?? "") ? path : "docs/nyheder/ny-nyhed.md",
    text: `---\n${stringifyYaml(front)}---\n\n${data.body ?? ""}\n`,
  };
}
const meetingsFile = (entry, data) => ({ path: "data/meetings.yaml", text: format.toFile(data) });

const pagePreview = (fileOf) => window.createClass({
  getInitialState() {
    return { html: "", problems: [], note: previewUrl ? "Henter forhåndsvisning …" : NO_SERVER };
  },
  componentDidMount() {
    this.refresh();
  },
  componentDidUpdate(previous) {
    if (previous.entry !== this.props.entry) this.refresh();
  },
  componentWillUnmount() {
    clearTimeout(this.timer);
  },
  refresh() {
    if (!previewUrl) return;
    clearTimeout(this.timer);
    // Typing changes the entry on every key: ask once the typing pauses.
    this.timer = setTimeout(() => this.fetchPage(), 300);
  },
  async fetchPage() {
    const data = withoutBookkeeping(this.props.entry.get("data").toJS());
    const asked = (this.asked = (this.asked ?? 0) + 1);
    let answer;
    try {
      const response = await fetchFromNetwork(previewUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(fileOf(this.props.entry, data)),
      });
      answer = await response.json();
    } catch {
      const note = "Forhåndsvisningen svarer ikke: kører »make edit« stadig?";
      answer = { html: "", problems: [], note };
    }
    if (asked !== this.asked) return; // a newer answer is on its way
    const { html = "", problems = [], note = "" } = answer;
    this.setState({ html, problems, note });
  },
  render() {
    const { html, problems, note } = this.state;
    if (problems.length) {
      return h(
        "div",
        { className: "md-typeset nk-preview-problems", role: "alert" },
        h("p", null, "Siden kan ikke vises, før dette er rettet:"),
        h(
          "ul",
          null,
          ...problems.map((problem, i) => {
            // »mødet »Tema«, Dato: mangler …«: the meeting, and the field by its label in the form
            const about = [problem.subject, problem.label].filter(Boolean).join(", ");
            return h("li", { key: i }, `${about ? `${about}: ` : ""}${problem.message}`);
          }),
        ),
      );
    }
    if (!html) return h("p", { className: "md-typeset nk-preview-note" }, note);
    return h("div", { className: "md-content", dangerouslySetInnerHTML: { __html: html } });
  },
});
window.CMS.registerPreviewTemplate("meetings", pagePreview(meetingsFile));
window.CMS.registerPreviewTemplate("nyheder", pagePreview(newsFile));
window.CMS.init();
