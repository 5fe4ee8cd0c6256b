// The pull request's check result, for the entry open in the production editor.
//
// With the GitHub backend every saved change is a pull request on the branch
// `cms/<collection>/<entry>` (Sveltia's editorial workflow, Decap's names). CI posts `make
// check`'s and `make changes`' Danish words on it as a check run (hooks/netvaerk/editing/
// pr_check.py); this module finds that run for the entry being edited and reads the result out
// of it. Pure but for the `fetch` it is handed: netvaerk-cms.js shows the answer, and
// tests/test_cms_checks.py runs these functions in Node.

// The run's name and the comment its JSON rides in: pr_check.CHECK_NAME and pr_check.MARKER.
export const CHECK_NAME = "Redigeringens tjek";
const MARKER = "netvaerk-check-result";

// `#/collections/nyheder/entries/ny-nyhed` → `cms/nyheder/ny-nyhed` (Sveltia's getBranchName:
// `%` and `/` in a slug are percent-encoded). Anything but an existing entry → null.
export function branchForRoute(hash) {
  const match = /^#\/collections\/([^/?]+)\/entries\/([^?]+)/.exec(hash ?? "");
  if (!match) return null;
  const slug = decodeURIComponent(match[2]);
  return `cms/${decodeURIComponent(match[1])}/${slug.replaceAll("%", "%25").replaceAll("/", "%2F")}`;
}

// The result a check run carries in its text, or null when it carries none.
export function resultOf(run) {
  const text = run?.output?.text ?? "";
  const start = text.indexOf(`<!-- ${MARKER} `);
  if (start === -1) return null;
  const end = text.indexOf(" -->", start);
  try {
    return JSON.parse(text.slice(start + MARKER.length + 6, end === -1 ? undefined : end));
  } catch {
    return null;
  }
}

// What GitHub's list of check runs for the branch's head commit means to the editor:
// {state: "pending" | "failed" | "passed", problems, changes, url}.
export function readCheckRuns(answer) {
  const runs = (answer?.check_runs ?? []).filter((run) => run.name === CHECK_NAME);
  const run = runs.find((r) => r.status === "completed") ?? runs[0];
  if (!run || run.status !== "completed") return { state: "pending", problems: [], changes: [] };
  const result = resultOf(run) ?? { ok: run.conclusion === "success", problems: [], changes: [] };
  const passed = run.conclusion === "success" && result.ok;
  return {
    state: passed ? "passed" : "failed",
    problems: result.problems ?? [],
    changes: result.changes ?? [],
    url: run.html_url ?? "",
  };
}

// Ask GitHub for the result on `branch` with the editor's own token. {state: "none"} when the
// entry has no change waiting (no such branch), {state: "unknown"} when GitHub cannot be asked.
export async function fetchCheckResult({ api, repo, branch, token, fetch }) {
  const ref = encodeURIComponent(branch);
  const name = encodeURIComponent(CHECK_NAME);
  const url = `${api.replace(/\/$/, "")}/repos/${repo}/commits/${ref}/check-runs?check_name=${name}`;
  let response;
  try {
    response = await fetch(url, {
      headers: { Accept: "application/vnd.github+json", Authorization: `Bearer ${token}` },
      cache: "no-store",
    });
  } catch {
    return { state: "unknown", problems: [], changes: [] };
  }
  if (response.status === 404 || response.status === 422) {
    return { state: "none", problems: [], changes: [] };
  }
  if (!response.ok) return { state: "unknown", problems: [], changes: [] };
  return readCheckRuns(await response.json());
}
