// A ~50 MB Health Auto Export body (heart-rate and step samples) posted over HTTP to the
// ingest path: samples stored per second and the server's peak memory, beside a naive
// plain COPY of the same samples into the same table (the physical bound on this machine) and a
// naive row-by-row insert, in the same run. Run alone: npx tsx bench/ingest.bench.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPostgres } from "../src/lib/db/client";
import { samples, users } from "../src/lib/db/schema";
import { parseHealthAutoExport } from "../src/lib/ingest/health-auto-export/parse";
import { withBenchDatabase } from "./bench-database";
import { copySamples } from "./copy-bound";
import { writeResult } from "./report";
import { cpuSeconds, postgresCpuSeconds, startFlags } from "./process-stats";

// ~640,000 samples make the ~50 MB body the issue names.
const SAMPLES = Number(process.env.BENCH_INGEST_SAMPLES ?? 640_000);
const NAIVE_SAMPLES = Math.min(SAMPLES, 20_000);

function buildBody(): string {
  const start = Date.parse("2026-01-01T00:00:00Z");
  const stamp = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d{3}Z$/, " +0000");
  const heart = Array.from({ length: SAMPLES / 2 }, (_, i) => ({
    date: stamp(start + i * 60_000),
    Min: 55 + (i % 30),
    Avg: 60 + (i % 40),
    Max: 70 + (i % 50),
    source: "Ana's Apple Watch",
  }));
  const steps = Array.from({ length: SAMPLES / 2 }, (_, i) => ({
    date: stamp(start + i * 60_000),
    qty: i % 120,
    source: "Ana's iPhone",
  }));
  return JSON.stringify({
    data: {
      metrics: [
        { name: "heart_rate", units: "count/min", data: heart },
        { name: "step_count", units: "count", data: steps },
      ],
    },
  });
}

/**
 * The server runs as bundled JavaScript, as the app does after `next build`: under tsx its loader
 * and compile cache alone held ~40 MB more at idle. esbuild is the compiler tsx itself runs on.
 */
async function compileServer(): Promise<string> {
  const { build } = await import("esbuild");
  const outfile = path.join(import.meta.dirname, "results", "ingest-server.mjs");
  await build({
    entryPoints: [path.join(import.meta.dirname, "ingest-server.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

const peakMemoryBytes = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;

await withBenchDatabase(async (url) => {
  const body = buildBody();
  const bodyBytes = Buffer.byteLength(body);

  // BENCH_PROFILE_DIR=<dir> writes the server's CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...startFlags(), ...profile, await compileServer()], {
    env: { ...process.env, BENCH_DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on("data", (chunk: Buffer) => {
      const ready = /READY (\d+)/.exec(chunk.toString());
      if (ready) resolve(Number(ready[1]));
    }),
  );
  const idleMemory = peakMemoryBytes(child.pid!);
  const serverCpuBefore = cpuSeconds(child.pid!);
  const postgresCpuBefore = await postgresCpuSeconds(url);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const counts = await response.json();
  const seconds = (performance.now() - started) / 1000;
  const peak = peakMemoryBytes(child.pid!);
  const serverCpu = cpuSeconds(child.pid!) - serverCpuBefore;
  const postgresCpu = (await postgresCpuSeconds(url)) - postgresCpuBefore;
  child.kill("SIGTERM");

  // The bound: the same parsed samples COPYed into the same table, emptied first so both start alike.
  const handle = await openPostgres(url, { max: 1 });
  const [user] = await handle.db
    .insert(users)
    .values({ email: `copy-${Date.now()}@example.test` })
    .returning();
  const parsed = parseHealthAutoExport(JSON.parse(body));
  const rows = parsed.batches.flatMap((batch) =>
    (batch.records.samples ?? []).map((sample) => ({
      sample,
      userId: user!.id,
      provider: "apple_health",
      sourceId: batch.sourceId,
    })),
  );
  await handle.db.execute(sql`truncate samples`);
  await handle.db.execute(sql`checkpoint`);
  const copySeconds = await copySamples(url, rows);
  await handle.db.execute(sql`truncate samples`);

  // The floor: one INSERT each.
  const naiveRows = rows.slice(0, NAIVE_SAMPLES).map(({ sample, ...owner }) => ({ ...sample, ...owner }));
  const naiveStarted = performance.now();
  for (const row of naiveRows) await handle.db.insert(samples).values(row).onConflictDoNothing();
  const naiveSeconds = (performance.now() - naiveStarted) / 1000;
  await handle.close();

  writeResult("ingest", {
    baseline:
      "plain COPY of the same samples into the same table (the bound), and a naive row-by-row INSERT (first 20,000), same run; targets: >= 50% of COPY over HTTP, peak memory < 4x body",
    bodyMegabytes: Math.round((bodyBytes / 1024 / 1024) * 10) / 10,
    samples: SAMPLES,
    serverFlags: startFlags().join(" "),
    status: response.status,
    counts,
    seconds: Math.round(seconds * 100) / 100,
    samplesPerSecond: Math.round(SAMPLES / seconds),
    // Where the time went, in CPU seconds: the server's process and the Postgres backends it used.
    serverCpuSeconds: Math.round(serverCpu * 100) / 100,
    postgresCpuSeconds: Math.round(postgresCpu * 100) / 100,
    copySamplesPerSecond: Math.round(rows.length / copySeconds),
    shareOfCopy: Math.round((SAMPLES / seconds / (rows.length / copySeconds)) * 100) / 100,
    naiveSamplesPerSecond: Math.round(naiveRows.length / naiveSeconds),
    serverIdleMegabytes: Math.round(idleMemory / 1024 / 1024),
    serverPeakMegabytes: Math.round(peak / 1024 / 1024),
    peakOverBody: Math.round((peak / bodyBytes) * 10) / 10,
    // What the request itself cost: the process's peak less what it held idle (Node, tsx, drizzle, the pool).
    peakAboveIdleOverBody: Math.round(((peak - idleMemory) / bodyBytes) * 10) / 10,
  });
});
