// `npm run bench`: every bench/*.bench.ts in turn, each in its own process (each also runs alone).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const only = process.argv[2];
const files = fs.readdirSync(dir).filter((file) => file.endsWith(".bench.ts") && (!only || file.startsWith(only)));
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const status = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { stdio: "inherit" }).status;
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
