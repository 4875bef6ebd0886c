// Fails when a module under src/ imports itself through others, type-only imports included:
// import/no-cycle skips `import type`, and a type cycle is still a layering mistake.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "src");
const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function listImports(file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return importedFiles
    .map(({ fileName }) => ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
    .filter((resolved) => resolved && resolved.startsWith(source) && !resolved.includes("node_modules"));
}

const graph = new Map(listFiles(source).map((file) => [file, listImports(file)]));
const cycles = [];
const state = new Map();
const stack = [];

function visit(file) {
  state.set(file, "open");
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, "done");
}

for (const file of graph.keys()) if (!state.has(file)) visit(file);

for (const cycle of cycles)
  console.error(`import cycle: ${cycle.map((file) => path.relative(root, file)).join(" -> ")}`);
if (cycles.length > 0) process.exit(1);
console.log(`no import cycles among ${graph.size} modules under src/`);
