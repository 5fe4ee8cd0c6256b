// A refused save's problems shown at their fields in the form, not only in the panel.
//
// Both checks before a save (the loopback `make check` in `make edit`, savecheck.py, and the
// browser's rule book, netvaerk-rules.js) name a problem's field as make check does:
// `meetings[3].programme[2].end`, counted in the data as written. Sveltia 0.221.1 has no API
// for a field's error, but every field of its form is a `section.field` whose
// `data-key-path` is the form's path, `meetings.3.programme.2.end`. `formKeyPath` (pure: Node
// runs it in the tests) turns the one into the other; `revealField` is the one place that
// finds that path's field in the form, unfolding the list items on the way.

// The value as the file gets it, with every scalar as text: a record of the form and the same
// record read back from the written file compare equal (a date, a clock, 846 and "846").
function canonical(value) {
  return JSON.stringify(value, (_key, item) => {
    if (item === null || item === undefined) return item;
    if (Array.isArray(item)) return item;
    if (typeof item === "object") return Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)));
    return String(item);
  });
}

// `meetings[3].programme[2].end` → ["meetings", 3, "programme", 2, "end"]; null for a
// problem about the whole file (no field, or a field the path grammar does not describe).
export function pathParts(field) {
  if (typeof field !== "string" || !/^[A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)*$/.test(field)) return null;
  return [...field.matchAll(/([A-Za-z_]\w*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

// The form's key path (`meetings.7.programme.2.end`) of a problem's field, which counts list
// items as the written data does (`written`): a new meeting is written among the others by
// its date, and an empty list item is left out, so the Nth written item need not be the
// form's Nth. Each list item is found in the form (`form`, as the form holds it) by its
// content; an item found nowhere, or twice, keeps its number. Null for a whole-file problem.
export function formKeyPath(field, written, form, tidy = (value) => value) {
  const parts = pathParts(field);
  if (!parts) return null;
  let [there, here] = [written, form];
  const out = [];
  for (const part of parts) {
    if (typeof part === "number" && Array.isArray(there) && Array.isArray(here)) {
      const wanted = canonical(there[part]);
      const matches = here.flatMap((item, index) => (canonical(tidy(item)) === wanted ? [index] : []));
      const index = matches.length === 1 ? matches[0] : part;
      out.push(String(index));
      [there, here] = [there[part], here[index]];
      continue;
    }
    out.push(String(part));
    [there, here] = [there?.[part], here?.[part]];
  }
  return out.join(".");
}

// --- In the page (not run by Node) ---

const RED = "#b3261e"; // 6.5:1 on white: a mark and a message any reader can see (WCAG 1.4.11)
const MARKED = "nk-invalid";
const CONTROLS =
  ':is(input:not([type="hidden"]), textarea, select, [contenteditable="true"], [role="radiogroup"], [role="textbox"], [role="combobox"])';

export function installFieldStyle(document) {
  const style = document.createElement("style");
  style.textContent =
    `section.field.${MARKED} > .field-wrapper ${CONTROLS}` +
    `{outline:3px solid ${RED} !important;outline-offset:2px}` +
    `.nk-field-error{margin:.4rem 0 0;color:${RED};font-weight:600;font-size:.95rem}` +
    `.nk-field-error::before{content:"⚠ ";}` +
    // The panel's lines that lead to their fields (netvaerk-cms.js): seen when tabbed to.
    `.nk-jump:focus-visible{outline:2px solid currentColor !important;outline-offset:2px !important}`;
  document.head.append(style);
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 16)));

// Wait for `find()` to give an element, drawing what the form has not drawn yet: its fields
// appear as they scroll into view (a placeholder before), so the placeholders under `within`
// are scrolled into view one by one. Null after a few seconds.
async function drawn(find, within) {
  for (let tries = 0; tries < 60; tries++) {
    const found = find();
    if (found) return found;
    const placeholder = within()?.querySelector(".placeholder");
    placeholder?.scrollIntoView({ block: "center" });
    await frame();
  }
  return null;
}

const editPane = (document) => document.querySelector('.content-editor .pane[data-mode="edit"]') ?? document;

function fieldSection(document, keyPath) {
  return editPane(document).querySelector(`section.field[data-key-path="${CSS.escape(keyPath)}"]`);
}

// The id a list field's editor gives its items (`list-<id>-item-3-body`): read from the
// list's own item list, the first in the field (a nested list's come inside it).
function listId(section) {
  const items = section.querySelector(":scope > .field-wrapper [id^='list-'][id$='-item-list']");
  return items ? items.id.slice("list-".length, -"-item-list".length) : "";
}

function unfold(button) {
  if (button?.getAttribute("aria-expanded") === "false") button.click();
}

// The field at the form's `keyPath` (`meetings.7.programme.2.end`), drawn and unfolded: its
// list items (the meeting, the programme item) opened, scrolled to. Null if the form has none.
export async function revealField(document, keyPath) {
  const parts = keyPath.split(".");
  if (/^\d+$/.test(parts.at(-1))) return null; // a whole record is not a field: the panel says it
  let section = null;
  let within = () => editPane(document);
  for (let n = 1; n <= parts.length; n++) {
    const part = parts[n - 1];
    if (/^\d+$/.test(part)) {
      // An item of the list field found one step before: open the list, then the item.
      if (!section) return null;
      const list = section;
      const id = listId(list);
      if (!id) return null;
      unfold(list.querySelector(`button[aria-controls="list-${CSS.escape(id)}-item-list"]`));
      const items = await drawn(() => list.querySelector(`#list-${CSS.escape(id)}-item-list`), () => list);
      const wrapper = items?.children[Number(part)];
      if (!wrapper) return null;
      wrapper.scrollIntoView({ block: "center" });
      const toggle = await drawn(
        () => wrapper.querySelector(`button[aria-controls="list-${CSS.escape(id)}-item-${part}-body"]`),
        () => wrapper,
      );
      if (!toggle) return null;
      unfold(toggle);
      within = () => wrapper;
      continue;
    }
    const path = parts.slice(0, n).join(".");
    section = await drawn(() => fieldSection(document, path), within);
    if (!section) return null;
    // An optional group (»Tilmelding«) may be folded under its header.
    unfold(section.querySelector(":scope > .field-wrapper button[aria-controls^='object-'][aria-expanded='false']"));
    within = () => section;
  }
  return section;
}

function controlsOf(section) {
  const wrapper = section.querySelector(":scope > .field-wrapper");
  if (!wrapper) return [];
  const all = [...wrapper.querySelectorAll(CONTROLS)];
  // Radio buttons: their group is the control; the buttons themselves are not outlined twice.
  return all.filter((element) => !element.closest('[role="radiogroup"]') || element.getAttribute("role") === "radiogroup");
}

// The marks not dealt with yet, by key path: a mark drawn away with its folded item is drawn
// again when the panel's line is followed.
const open = new Map();

// Remove a field's mark: its outline, aria-invalid, its message and the link to it.
export function unmarkField(section) {
  open.delete(section.dataset.keyPath);
  if (!section.classList.contains(MARKED)) return;
  section.classList.remove(MARKED);
  const message = section.querySelector(":scope > .nk-field-error");
  for (const control of controlsOf(section)) {
    control.removeAttribute("aria-invalid");
    const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id && id !== message?.id);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  }
  message?.remove();
}

export function unmarkAll(document) {
  open.clear();
  for (const section of document.querySelectorAll(`section.field.${MARKED}`)) unmarkField(section);
}

// Mark the field invalid with the Danish messages under it, described by them.
export function markField(section, messages) {
  unmarkField(section);
  const message = document.createElement("p");
  message.id = `nk-error-${crypto.randomUUID()}`;
  message.className = "nk-field-error";
  message.textContent = messages.join(" ");
  (section.querySelector(":scope > .field-wrapper") ?? section.lastElementChild)?.after(message);
  section.classList.add(MARKED);
  open.set(section.dataset.keyPath, messages);
  const controls = controlsOf(section);
  for (const control of controls) {
    control.setAttribute("aria-invalid", "true");
    const ids = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    control.setAttribute("aria-describedby", [...ids, message.id].join(" "));
  }
  return controls;
}

// The control to put the cursor in: the field's first input, or its radio group's checked (or
// first) button.
export function focusTarget(section) {
  const [first] = controlsOf(section);
  if (first?.getAttribute("role") === "radiogroup") {
    return first.querySelector('[aria-checked="true"], :checked') ?? first.querySelector('[role="radio"], input');
  }
  return first ?? null;
}

// A changed field loses its mark: the editor is dealing with it.
export function unmarkOnChange(document) {
  for (const type of ["input", "change"]) {
    document.addEventListener(
      type,
      (event) => {
        const section = event.target instanceof Element ? event.target.closest(`section.field.${MARKED}`) : null;
        if (section) unmarkField(section);
      },
      true,
    );
  }
}

// Every problem with a field in the form, shown there: [{keyPath, message}] → the key paths
// whose field was found and marked. The first is scrolled to; its control is returned, to be
// given the focus once the save's refusal is over.
export async function showAtFields(document, problems) {
  unmarkAll(document);
  const messages = new Map();
  for (const { keyPath, message } of problems) {
    if (keyPath) messages.set(keyPath, [...(messages.get(keyPath) ?? []), message]);
  }
  const found = [];
  for (const [keyPath, said] of messages) {
    const section = await revealField(document, keyPath);
    if (!section) continue;
    markField(section, said);
    found.push(keyPath);
  }
  const first = found.length ? await jumpTo(document, found[0]) : null;
  return { found: new Set(found), first };
}

// Go to a problem's field (the panel's line): unfold it, mark it again if the form drew it
// anew and it is not dealt with, scroll it into view; its control, focused.
export async function jumpTo(document, keyPath) {
  const section = await revealField(document, keyPath);
  if (!section) return null;
  if (open.has(keyPath) && !section.classList.contains(MARKED)) markField(section, open.get(keyPath));
  section.scrollIntoView({ block: "center" });
  const target = focusTarget(section);
  target?.focus({ preventScroll: true });
  return target;
}
