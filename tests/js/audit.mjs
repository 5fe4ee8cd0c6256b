// Audit pages of a served site with Lighthouse and pa11y, the tools outside reviewers use.
//
// Usage: CHROME_PATH=/usr/bin/chromium node tests/js/audit.mjs BASE_URL PATH [PATH ...]
// Prints one JSON object:
//   lighthouse: for each path and form factor (mobile, desktop), the scores of the
//               Performance, Accessibility, Best Practices and SEO categories (0–100), every
//               audit of those categories that did not pass, with the elements it names, and
//               the page's metrics (LCP, FCP, TBT, CLS in ms or units);
//   pa11y:      for each path, every issue pa11y's HTML_CodeSniffer runner reports for
//               WCAG 2 AA (errors, warnings and notices; the test counts the errors, and
//               the notices show that the sniffs ran);
//   seconds:    how long each tool took.
// Lighthouse runs all pages in one Chromium (chrome-launcher, which reads CHROME_PATH);
// pa11y runs them in one Chromium launched through puppeteer with pa11y.config.json's
// chromeLaunchConfig (executablePath /usr/bin/chromium: no browser is ever downloaded;
// install with PUPPETEER_SKIP_DOWNLOAD=1).
import { readFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"];

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0 || !process.env.CHROME_PATH) {
  console.error("usage: CHROME_PATH=/usr/bin/chromium node audit.mjs BASE_URL PATH [PATH ...]");
  process.exit(2);
}

// Performance is measured with Lighthouse's own waits and throttling (mobile: a slow 4G
// network and a 4× slower CPU, simulated), so the settings keep them as they are.
const SETTINGS = { onlyCategories: CATEGORIES, disableFullPageScreenshot: true };
const configs = {
  mobile: { extends: "lighthouse:default", settings: SETTINGS },
  desktop: { ...desktopConfig, settings: { ...desktopConfig.settings, ...SETTINGS } },
};

function failing(lhr) {
  const audits = [];
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id].auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight === 0 || audit.score === null || audit.score === 1) continue;
      const items = (audit.details && audit.details.items) || [];
      audits.push({
        category: id,
        id: audit.id,
        title: audit.title,
        items: items.slice(0, 5).map((item) => {
          const node = item.node || item.source || {};
          return node.selector || node.snippet || item.url || JSON.stringify(item).slice(0, 200);
        }),
      });
    }
  }
  return audits;
}

async function runLighthouse() {
  const results = [];
  const chrome = await chromeLauncher.launch({ chromeFlags: CHROME_FLAGS });
  try {
    for (const path of paths) {
      for (const [form, config] of Object.entries(configs)) {
        const flags = { port: chrome.port, output: "json", logLevel: "error" };
        const { lhr } = await lighthouse(base + path, flags, config);
        const scores = {};
        for (const id of CATEGORIES) {
          scores[id] = lhr.categories[id].score === null ? null : Math.round(lhr.categories[id].score * 100);
        }
        const metrics = {};
        for (const id of ["largest-contentful-paint", "first-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]) {
          metrics[id] = lhr.audits[id] ? lhr.audits[id].numericValue : null;
        }
        results.push({ path, form, scores, metrics, failing: failing(lhr), runtimeError: lhr.runtimeError || null });
      }
    }
  } finally {
    await chrome.kill();
  }
  return results;
}

async function runPa11y() {
  const options = JSON.parse(readFileSync(new URL("./pa11y.config.json", import.meta.url), "utf8"));
  // One browser for every page (pa11y would launch one per page), launched as pa11y would.
  const browser = await puppeteer.launch(options.chromeLaunchConfig);
  const results = [];
  try {
    for (const path of paths) {
      const result = await pa11y(base + path, { ...options, browser });
      results.push({
        path,
        issues: result.issues.map(({ type, code, message, selector }) => ({ type, code, message, selector })),
      });
    }
  } finally {
    await browser.close();
  }
  return results;
}

const started = performance.now();
const report = { lighthouse: await runLighthouse() };
const between = performance.now();
report.pa11y = await runPa11y();
report.seconds = {
  lighthouse: Math.round(between - started) / 1000,
  pa11y: Math.round(performance.now() - between) / 1000,
};
process.stdout.write(JSON.stringify(report, null, 1) + "\n");
