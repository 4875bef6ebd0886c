// The Health page's queries on the dashboard bench's heavy account (1,000,000+ samples, steps
// from a Watch and an iPhone, merged when written), called as the page calls them, without a
// server or a build: p50/p95 of the whole page's reads per range after warm-up, and the
// write-time merge of the whole backfill. Target: p95 < 100 ms. Run alone: npx tsx bench/health-queries.bench.ts
import os from "node:os";
import { addDays } from "../src/lib/dates";
import { openPostgres } from "../src/lib/db/client";
import {
  findBodySeries,
  findDailySeries,
  findHealthCoverage,
  findSleepSeries,
  findSourceLabels,
} from "../src/lib/db/queries/health-series";
import { findMergedDaily } from "../src/lib/db/queries/merged-daily";
import { findMergedDailySeries } from "../src/lib/db/queries/merged-series";
import { chooseBucket } from "../src/app/dashboard/health/health-query";
import { withBenchDatabase } from "./bench-database";
import { seedDashboardData, SEED } from "./dashboard-seed";
import { writeResult } from "./report";

const TARGET_P95_MS = 100;
const RUNS = Number(process.env.BENCH_HEALTH_RUNS ?? 30);
const WARMUP = 5;
const TIME_ZONE = "Europe/Berlin";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

await withBenchDatabase(async (url) => {
  await (await openPostgres(url, { max: 1 })).close();
  const { userId, rows } = await seedDashboardData(url);
  console.log("[bench] seeded", rows);
  // The page's pool: its reads go out together (Promise.all), as in production.
  const handle = await openPostgres(url, { max: 10 });
  const today = new Date().toISOString().slice(0, 10);
  const results: Array<Record<string, unknown>> = [];
  try {
    const db = handle.db;
    for (const [label, days] of [
      ["30 days", 30],
      ["1 year", 365],
    ] as const) {
      const start = addDays(today, -(days - 1));
      const params = { userId, start, end: today, bucket: chooseBucket(start, today) };
      // Everything the page reads, in its order: coverage first, then the rest at once.
      const page = async () => {
        await findHealthCoverage(db, { userId, timeZone: TIME_ZONE });
        return Promise.all([
          findDailySeries(db, params),
          findMergedDailySeries(db, params),
          findMergedDaily(db, { userId, metric: "steps", start, end: today }),
          findBodySeries(db, { ...params, timeZone: TIME_ZONE }),
          findSleepSeries(db, params),
          findSourceLabels(db, { userId }),
        ]);
      };
      for (let run = 0; run < WARMUP; run++) await page();
      const times: number[] = [];
      let mergedPoints = 0;
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const [, merged] = await page();
        times.push(performance.now() - started);
        mergedPoints = merged.length;
      }
      times.sort((a, b) => a - b);
      const round = (ms: number) => Math.round(ms * 10) / 10;
      results.push({
        range: label,
        bucket: params.bucket,
        mergedPoints,
        p50Ms: round(percentile(times, 0.5)),
        p95Ms: round(percentile(times, 0.95)),
        isFastEnough: percentile(times, 0.95) < TARGET_P95_MS,
      });
    }
  } finally {
    await handle.close();
  }
  console.table(results);
  writeResult("health-queries", {
    target: { p95Ms: TARGET_P95_MS },
    baseline:
      "p95 of the Health page's reads (coverage, then its series together) per request, on Postgres, after warm-up",
    seed: { ...SEED, rows },
    runsPerRange: RUNS,
    cores: os.availableParallelism(),
    loadAverage: os.loadavg().map((value) => Math.round(value * 10) / 10),
    isEveryRangePassing: results.every((row) => row.isFastEnough),
    ranges: results,
  });
});
