#!/usr/bin/env node
// The `qt` bin: runs src/cli/main.ts with tsx from the repository (where .data/, drizzle/ and
// tsconfig's paths are), telling it where it was started so typed paths stay the person's.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = createRequire(import.meta.url).resolve("tsx/cli");
const child = spawn(process.execPath, [tsx, path.join(root, "src/cli/main.ts"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, QT_CLI_CWD: process.env.QT_CLI_CWD ?? process.cwd() },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 1)));
