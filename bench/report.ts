import fs from "node:fs";
import path from "node:path";

/** Prints a benchmark's figures and writes them to bench/results/<name>.json. */
export function writeResult(name: string, figures: Record<string, unknown>) {
  const dir = path.join(import.meta.dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const result = { name, at: new Date().toISOString(), node: process.version, ...figures };
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}
