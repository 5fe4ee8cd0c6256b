// The editor's Python, off the page's thread (netvaerk-python.js): Pyodide and the project's
// Markdown and link rules load here, so typing never waits for them.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import { ARCHIVE, PYODIDE_DIR, loadRules } from "./netvaerk-python.js";

const started = performance.now();
const judge = (async () => {
  const response = await fetch(new URL(ARCHIVE, import.meta.url));
  if (!response.ok) throw new Error(`${ARCHIVE}: ${response.status}`);
  const archive = await response.arrayBuffer();
  return loadRules(loadPyodide, new URL(PYODIDE_DIR, import.meta.url).href, archive);
})();

judge.then(
  () => postMessage({ ready: Math.round(performance.now() - started) }),
  (error) => postMessage({ failed: String(error?.message ?? error) }),
);

addEventListener("message", async ({ data: { id, kind, data, routes } }) => {
  try {
    postMessage({ id, problems: (await judge)(kind, data, routes) });
  } catch (error) {
    postMessage({ id, failed: String(error?.message ?? error) });
  }
});
