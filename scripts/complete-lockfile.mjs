#!/usr/bin/env node
// The npm registry reachable here lacks some platform builds (darwin/win32/… binaries of
// next, tailwind, unrs). `npm install` then leaves them out of package-lock.json and
// `npm ci` refuses the lockfile as out of sync. This adds the missing optional entries,
// marked with the os/cpu their names declare, so npm ci skips them on this platform as it
// would with a complete lockfile. Run after every `npm install`.
import fs from "node:fs";

const OS = {
  darwin: "darwin",
  win32: "win32",
  linux: "linux",
  android: "android",
  freebsd: "freebsd",
  openharmony: "openharmony",
};
const CPUS = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((part) => part in OS);
  const cpu =
    parts.find((part) => CPUS.includes(part)) ??
    (parts.includes("gnueabihf") || parts.includes("eabi") || parts.includes("musleabihf") ? "arm" : undefined);
  return { ...(os ? { os: [OS[os]] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
const added = [];
for (const [location, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    packages[hoisted] = { version, dev: meta.dev, optional: true, ...platformOf(name) };
    if (!meta.dev) delete packages[hoisted].dev;
    added.push(`${name}@${version}`);
  }
}
fs.writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} platform entries: ${added.join(", ")}` : "lockfile already complete");
