// Batch upsert of activities on both database modes, beside the row-by-row baseline.
// Run alone: npx tsx bench/db-insert.bench.ts
import { randomUUID } from "node:crypto";
import { openPglite, openPostgres, type Database, type DatabaseHandle } from "../src/lib/db/client";
import { activities, users } from "../src/lib/db/schema";
import { withBenchDatabase } from "./bench-database";
import { writeResult } from "./report";

const ROWS = 5_000;
const BATCH = 500;

function makeRows(userId: string) {
  const start = Date.parse("2024-01-01T06:00:00Z");
  return Array.from({ length: ROWS }, (_, i) => ({
    userId,
    provider: "strava",
    externalId: String(10_000_000 + i),
    type: i % 3 === 0 ? "ride" : "run",
    name: `Morning ${i % 3 === 0 ? "Ride" : "Run"}`,
    startAt: new Date(start + i * 86_400_000),
    durationS: 3600,
    distanceM: 10_000 + (i % 50) * 100,
  }));
}

async function measure(db: Database, batched: boolean) {
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${randomUUID()}@example.test` })
    .returning();
  const rows = makeRows(user!.id);
  const started = performance.now();
  if (batched) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await db.transaction(async (tx) => {
        await tx
          .insert(activities)
          .values(rows.slice(i, i + BATCH))
          .onConflictDoNothing();
      });
    }
  } else {
    for (const row of rows) await db.insert(activities).values(row).onConflictDoNothing();
  }
  const seconds = (performance.now() - started) / 1000;
  return Math.round(ROWS / seconds);
}

async function benchMode(open: () => Promise<DatabaseHandle>) {
  const handle = await open();
  try {
    return {
      batchedRowsPerSecond: await measure(handle.db, true),
      rowByRowRowsPerSecond: await measure(handle.db, false),
    };
  } finally {
    await handle.close();
  }
}

await withBenchDatabase(async (url) => {
  const pglite = await benchMode(() => openPglite());
  const pg = await benchMode(() => openPostgres(url));
  writeResult("db-insert", {
    rows: ROWS,
    batchSize: BATCH,
    baseline: "row-by-row insert, same data, same run",
    pglite,
    postgres: pg,
  });
});
