// `npm run bench -- files`: original activity files, one part after another (parse, then whatever
// is added below), all figures in bench/results/files.json. Run alone: npx tsx bench/files.bench.ts
import { benchFilesExport } from "./files-export";
import { benchFilesParse } from "./files-parse";
import { writeResult } from "./report";

// Each part measures one job and returns its figures; add a part with one line.
const PARTS: Record<string, () => Promise<Record<string, unknown>>> = {
  parse: benchFilesParse,
  export: benchFilesExport,
};

const figures: Record<string, unknown> = {};
for (const [name, run] of Object.entries(PARTS)) {
  console.log(`--- files: ${name}`);
  figures[name] = await run();
}
writeResult("files", figures);
