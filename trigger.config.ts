import { defineConfig } from "@trigger.dev/sdk";

// Used only when TRIGGER_SECRET_KEY is set; without it jobs run on the local runner
// (src/lib/jobs). Tasks in trigger/ stay thin: each run() calls a function in src/lib.
export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? "proj_qt_run",
  dirs: ["./trigger"],
  maxDuration: 3600,
  retries: {
    enabledInDev: false,
    default: { maxAttempts: 3, minTimeoutInMs: 1000, maxTimeoutInMs: 30_000, factor: 2, randomize: true },
  },
});
