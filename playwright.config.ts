import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_INSTALL_HINT, findChromium } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;
const executablePath = findChromium();
if (!executablePath)
  throw new Error(`No Chromium found for the browser tests. Install one:\n  ${CHROMIUM_INSTALL_HINT}`);

// A fresh embedded database for every run, away from the developer's own .data.
const dataDir = path.join(".data", "e2e");

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]]
    : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "desktop",
      testIgnore: /auth\.setup\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/user.json" },
    },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && exec node node_modules/next/dist/bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    // SIGTERM lets the server close the on-disk PGlite cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      QT_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: baseURL,
      // A production build, so the built-in provider sandbox must be asked for explicitly.
      QT_SANDBOX: "1",
      // The sandbox answers instantly; real providers' budgets would pace the first sync over minutes.
      QT_SYNC_REQUESTS_PER_MINUTE: "6000",
      // Small enough that the browser tests can show the 413.
      INGEST_MAX_BYTES: String(5 * 1024 * 1024),
      // The webhooks spec's receiver listens on 127.0.0.1, a private address refused otherwise.
      QT_WEBHOOKS_ALLOW_PRIVATE: "1",
    },
  },
});
