// A Strava-shaped backfill of 20,000 activities from the sandbox, no added latency:
// activities stored per second, requests made versus the fewest the API allows (pages of
// 200), and database time versus time spent fetching. Run alone: npx tsx bench/strava-backfill.bench.ts
import { randomBytes } from "node:crypto";
import { sealTokens } from "../src/lib/connections/credentials";
import { openPglite, openPostgres, type DatabaseHandle } from "../src/lib/db/client";
import { upsertConnection } from "../src/lib/db/queries/connections";
import { createSyncJob, startJob } from "../src/lib/db/queries/sync-jobs";
import { users } from "../src/lib/db/schema";
import { executeSyncJob } from "../src/lib/jobs/run-job";
import { startSandboxServer } from "../tests/sandbox-server";
import { withBenchDatabase } from "./bench-database";
import { writeResult } from "./report";

const ACTIVITIES = 20_000;
const PER_PAGE = 200;
// Strava's default read limit, 100 requests per 15 minutes, at 200 activities per request.
const STRAVA_MAX_ACTIVITIES_PER_SECOND = (100 * PER_PAGE) / (15 * 60);
process.env.QT_SYNC_REQUESTS_PER_MINUTE = "100000000";
process.env.QT_DATA_DIR ??= `/tmp/qt-bench-${process.pid}`;

const sandbox = await startSandboxServer();

async function backfill(open: () => Promise<DatabaseHandle>) {
  sandbox.reset();
  const handle = await open();
  try {
    const { db } = handle;
    const [user] = await db
      .insert(users)
      .values({ email: `bench-${randomBytes(4).toString("hex")}@example.test` })
      .returning();
    // A connection holding a token the sandbox issued for the bulk account: no OAuth dance needed.
    const accessToken = sandbox.state.issue("strava_at");
    sandbox.state.accessTokens.set(accessToken, {
      provider: "strava",
      account: `bulk-${ACTIVITIES}`,
      scopes: ["activity:read_all"],
      expiresAt: null,
    });
    const { connection } = await upsertConnection(db, {
      userId: user!.id,
      provider: "strava",
      externalUserId: "bench",
      label: null,
      authKind: "oauth2",
      encryptedCredentials: sealTokens({ accessToken, scopes: ["activity:read_all"] }),
      expiresAt: null,
      scopes: ["activity:read_all"],
    });
    const { job } = await createSyncJob(db, { userId: user!.id, connectionId: connection.id, kind: "backfill" });
    let fetchMs = 0;
    let commitMs = 0;
    const started = performance.now();
    const outcome = await executeSyncJob(db, await startJob(db, { jobId: job.id }), {
      onPage: (timing) => {
        fetchMs += timing.fetchMs;
        commitMs += timing.commitMs;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (outcome !== "succeeded") throw new Error(`backfill ${outcome}`);
    const requests = sandbox.state.countCalls({ provider: "strava", path: "/api/v3/athlete/activities" });
    return {
      activities: ACTIVITIES,
      seconds: Math.round(seconds * 100) / 100,
      activitiesPerSecond: Math.round(ACTIVITIES / seconds),
      requests,
      // 100 full pages, plus the one short (empty) page that tells the list has ended.
      minimumRequests: Math.floor(ACTIVITIES / PER_PAGE) + 1,
      // Fetching page n+1 overlaps committing page n, so these two add up to more than `seconds`.
      fetchSeconds: Math.round(fetchMs) / 1000,
      databaseSeconds: Math.round(commitMs) / 1000,
      databaseActivitiesPerSecond: Math.round(ACTIVITIES / (commitMs / 1000)),
      // What the database can absorb versus the most Strava's default read limit can deliver.
      databaseHeadroomOverStravaLimit: Math.round(ACTIVITIES / (commitMs / 1000) / STRAVA_MAX_ACTIVITIES_PER_SECOND),
    };
  } finally {
    await handle.close();
  }
}

try {
  await withBenchDatabase(async (url) => {
    const pglite = await backfill(() => openPglite());
    const pg = await backfill(() => openPostgres(url));
    writeResult("strava-backfill", {
      baseline:
        "requests equal to minimumRequests; the database is not the bottleneck when databaseActivitiesPerSecond far exceeds what Strava's rate limit can deliver (databaseHeadroomOverStravaLimit >> 1)",
      pglite,
      postgres: pg,
    });
  });
} finally {
  await sandbox.close();
}
