// Starts the browser editor at /admin/ (index.html sets CMS_MANUAL_INIT, so Sveltia waits for
// this module): the data files are read and written by the site's own YAML format, which
// keeps their comments and layout (netvaerk-yaml.js). The forms themselves are configured in
// config.yml, generated from the data model by hooks/netvaerk/editing/cms.py.
import { safeFileName, withMaterialPaths } from "./netvaerk-files.js";
import { checkData, describe } from "./netvaerk-rules.js";
import { createFormat, prune } from "./netvaerk-yaml.js";

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
  fromFile: yamlFormat.fromFile,
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

// In `make edit` the page names a loopback check (hooks/netvaerk/editing/savecheck.py): before
// a data file is saved, the text about to be written goes through `make check`'s own rules.
// Problems are shown in Danish, file, line and field, and the save is stopped.
const checkUrl = document.documentElement.dataset.netvaerkCheck;

function showProblems(answer) {
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
    // What it is about in the editor's words (»mødet »Tema« (18. november 2027)«), else the field.
    const about = problem.subject ? [problem.subject, problem.label].filter(Boolean).join(", ") : problem.field;
    item.textContent = `${about ? `${about}: ` : ""}${problem.message}`;
    list.append(item);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Luk";
  close.addEventListener("click", () => panel.remove());
  panel.append(heading, list, close);
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
      const text = format.toFile(withoutBookkeeping(entry.get("data").toJS()));
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
      if (answer.ok) return undefined;
      showProblems(answer);
      throw new Error(answer.summary);
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
window.CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    if (!["data/meetings.yaml", "data/members.yaml"].includes(entry.get("path"))) return undefined;
    const data = withMaterialPaths(prune(withoutBookkeeping(entry.get("data").toJS())), siteUrl);
    const problems = checkData(data, rules, [...uploaded]);
    document.getElementById("netvaerk-problems")?.remove();
    if (!problems.length) return undefined;
    showProblems({ problems: problems.map((problem) => describe(problem, data, rules)) });
    throw new Error(`Ikke gemt: ${problems.length} fejl`);
  },
});

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
  "Forhåndsvisningen af mødets side findes, når redigeringen er startet med »make edit«. " +
  "Her på hjemmesidens redigering ses siden på hjemmesiden, når ændringen er udgivet.";
const MeetingPreview = window.createClass({
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
        body: JSON.stringify({ path: "data/meetings.yaml", text: format.toFile(data) }),
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
window.CMS.registerPreviewTemplate("meetings", MeetingPreview);
window.CMS.init();
