// The cost of linking copies as they are written: a 20,000-activity Strava backfill landing on
// 20,000 Garmin activities, activities per second with merging (the write path every sync
// takes) against the same pages written without it, same data, same run, on both databases.
// Run alone: npm run bench -- activity-merge
import { randomUUID } from "node:crypto";
import { count, eq, isNotNull, and } from "drizzle-orm";
import { openPglite, openPostgres, type Database, type DatabaseHandle } from "../src/lib/db/client";
import { upsertRecordBatch, writeActivities } from "../src/lib/db/queries/records";
import { activities, activityLinks, users } from "../src/lib/db/schema";
import type { ActivityRecord } from "../src/lib/sync/records";
import { withBenchDatabase } from "./bench-database";
import { writeResult } from "./report";

const ACTIVITIES = Number(process.env.BENCH_MERGE_ACTIVITIES ?? 20_000);
// Strava's largest page (per_page=200): one sync page, one transaction.
const PAGE = 200;
// Three in four Strava activities are copies of a Garmin one (a third of those name the Garmin
// upload); the rest were recorded elsewhere, an hour away from any Garmin start.
const isCopy = (i: number) => i % 4 !== 3;

// Every six hours from 2010: the last lands in 2023, inside the plausibility window (no future starts).
const day = (i: number) => Date.parse("2010-01-01T06:00:00Z") + i * 6 * 3_600_000;

function garminRecords(): ActivityRecord[] {
  return Array.from({ length: ACTIVITIES }, (_, i) => ({
    externalId: String(18_000_000 + i),
    type: "run",
    name: "Morning Run",
    startAt: new Date(day(i)),
    durationS: 3600,
    distanceM: 10_000 + (i % 50) * 100,
    raw: { activityId: 18_000_000 + i },
  }));
}

function stravaRecords(): ActivityRecord[] {
  return Array.from({ length: ACTIVITIES }, (_, i) => ({
    externalId: String(9_000_000_000 + i),
    type: "run",
    name: "Morning Run",
    startAt: new Date(day(i) + (isCopy(i) ? 3_000 : 3_600_000)),
    durationS: 3605,
    distanceM: (10_000 + (i % 50) * 100) * 1.005,
    raw: {
      id: 9_000_000_000 + i,
      ...(isCopy(i) && i % 3 === 0 ? { external_id: `garmin_push_${18_000_000 + i}` } : {}),
    },
  }));
}

async function seedUser(db: Database) {
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${randomUUID()}@example.test` })
    .returning();
  const owner = { userId: user!.id, connectionId: null, provider: "garmin", sourceId: "" };
  const garmin = garminRecords();
  for (let i = 0; i < garmin.length; i += 5_000) await writeActivities(db, owner, garmin.slice(i, i + 5_000));
  return user!.id;
}

async function backfill(db: Database, userId: string, isMerging: boolean) {
  const owner = { userId, connectionId: null, provider: "strava", sourceId: "" };
  const strava = stravaRecords();
  const started = performance.now();
  for (let i = 0; i < strava.length; i += PAGE) {
    const page = strava.slice(i, i + PAGE);
    await db.transaction(async (tx) => {
      if (isMerging) await upsertRecordBatch(tx, owner, { activities: page });
      else await writeActivities(tx, owner, page);
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const [copies] = await db
    .select({ n: count() })
    .from(activities)
    .where(and(eq(activities.userId, userId), isNotNull(activities.mergedIntoId)));
  const [links] = await db.select({ n: count() }).from(activityLinks).where(eq(activityLinks.userId, userId));
  return {
    activitiesPerSecond: Math.round(ACTIVITIES / seconds),
    seconds: +seconds.toFixed(2),
    copies: copies!.n,
    links: links!.n,
  };
}

async function benchMode(open: () => Promise<DatabaseHandle>) {
  const handle = await open();
  try {
    const without = await backfill(handle.db, await seedUser(handle.db), false);
    const merging = await backfill(handle.db, await seedUser(handle.db), true);
    const expected = Array.from({ length: ACTIVITIES }, (_, i) => i).filter(isCopy).length;
    if (merging.links !== expected) throw new Error(`expected ${expected} links, the merge made ${merging.links}`);
    return {
      withoutMerging: without,
      withMerging: merging,
      shareOfWithout: +(merging.activitiesPerSecond / without.activitiesPerSecond).toFixed(2),
    };
  } finally {
    await handle.close();
  }
}

await withBenchDatabase(async (url) => {
  const postgres = await benchMode(() => openPostgres(url));
  const pglite = await benchMode(() => openPglite());
  writeResult("activity-merge", {
    activities: ACTIVITIES,
    pageSize: PAGE,
    history: `${ACTIVITIES} Garmin activities already stored; 3 in 4 Strava activities are their copies`,
    baseline: "the same pages written without merging, same data, same run",
    postgres,
    pglite,
  });
});
