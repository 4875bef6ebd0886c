#!/usr/bin/env node
// `npm test`: unit + integration tests (vitest, real Postgres and PGlite), then a production
// build and the browser tests (Playwright on the system Chromium). Ends with one summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
if (!CHROMIUM_CANDIDATES.some((candidate) => candidate && fs.existsSync(candidate))) {
  console.error("No Chromium found for the browser tests. Install one, then run npm test again:");
  console.error("  sudo apt-get install -y chromium      (or set CHROMIUM_PATH to a Chromium binary)");
  process.exit(1);
}

fs.mkdirSync("test-results", { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const run = (command, args) => spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
};

const unitStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile=test-results/unit.json",
]);
const unit = readJson("test-results/unit.json");

let buildStatus = 0;
if (process.env.QT_SKIP_BUILD !== "1") buildStatus = run("npx", ["next", "build"]);
const e2eStatus = buildStatus === 0 ? run("npx", ["playwright", "test"]) : 1;
const e2e = buildStatus === 0 ? readJson("test-results/e2e.json") : undefined;

const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0);
if (buildStatus !== 0) console.error("next build failed; the browser tests did not run.");
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unitStatus || buildStatus || e2eStatus || (failed > 0 ? 1 : 0));
