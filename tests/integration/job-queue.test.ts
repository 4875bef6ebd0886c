import { eq, inArray, sql } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { claimNextJob, finishJob, getSyncJob, LEASE_MS } from "@/lib/db/queries/sync-jobs";
import { syncJobs, type SyncJob } from "@/lib/db/schema";
import { enqueueConnectionSync } from "@/lib/jobs";
import { startLeaseHeartbeat } from "@/lib/jobs/lease-heartbeat";
import { startLocalRunner, type LocalRunner } from "@/lib/jobs/local-runner";
import { executeSyncJob } from "@/lib/jobs/run-job";
import { getProviderOrThrow } from "@/lib/providers";
import { describeEachDatabase } from "../databases";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount, setUpBackfillDays } from "../sync-driver";

const sandbox = setUpSandboxServer();
setUpBackfillDays(getProviderOrThrow("oura").sync!, 3);

// A Strava 429 asking for a 15-minute pause (Retry-After, so the wait does not depend on the clock).
const STRAVA_WINDOW_SPENT = {
  host: "www.strava.com",
  pathIncludes: "/athlete/activities",
  kind: "rate_limit" as const,
  times: 1,
  retryAfterSeconds: 900,
};

// Its own Postgres database: a provider's app-wide pause would otherwise hold back other files' Strava syncs.
describeEachDatabase(
  "job queue",
  (database) => {
    const db = () => database.db;
    const job = async (id: string) => (await getSyncJob(db(), { jobId: id }))!;
    let runner: LocalRunner | undefined;
    afterEach(async () => {
      await runner?.stop();
      runner = undefined;
      // Nothing left waiting on a provider's budget for the next test.
      await db()
        .update(syncJobs)
        .set({ status: "cancelled", waitingOn: null, waitingUntil: null })
        .where(inArray(syncJobs.status, ["pending", "running", "waiting"]));
    });

    it("gives the worker back while Strava's window runs out: Oura's first sync finishes meanwhile on the only worker", async () => {
      const strava = await connectSandboxAccount(db(), "strava", "bulk-20");
      const oura = await connectSandboxAccount(db(), "oura", "sleeper");
      sandbox.state.faults.push({ ...STRAVA_WINDOW_SPENT });
      const { job: stravaJob } = await enqueueConnectionSync(db(), {
        userId: strava.user.id,
        connectionId: strava.connection.id,
      });
      const { job: ouraJob } = await enqueueConnectionSync(db(), {
        userId: oura.user.id,
        connectionId: oura.connection.id,
      });

      runner = startLocalRunner(db(), { workers: 1 });
      await vi.waitFor(async () => expect((await job(ouraJob.id)).status).toBe("succeeded"), {
        timeout: 20_000,
        interval: 50,
      });

      const waiting = await job(stravaJob.id);
      expect(waiting).toMatchObject({
        status: "waiting",
        attempts: 0,
        leaseExpiresAt: null,
        waitingOn: "strava",
        inserted: 0,
      });
      // Queued again for the end of the window it was told about, not sooner.
      expect(waiting.runAfter).toEqual(waiting.waitingUntil);
      expect(waiting.waitingUntil!.getTime()).toBeGreaterThan((await job(ouraJob.id)).finishedAt!.getTime());

      // The window ends: the same job resumes and finishes.
      await db()
        .update(syncJobs)
        .set({ runAfter: new Date(0), waitingUntil: new Date(0) })
        .where(eq(syncJobs.id, stravaJob.id));
      runner.wake();
      await vi.waitFor(async () => expect((await job(stravaJob.id)).status).toBe("succeeded"), {
        timeout: 20_000,
        interval: 50,
      });
      expect(await job(stravaJob.id)).toMatchObject({ inserted: 20, attempts: 1, waitingUntil: null, waitingOn: null });
    });

    it("holds back other Strava jobs while the app's Strava budget is spent, never another provider's", async () => {
      const first = await connectSandboxAccount(db(), "strava", "bulk-10");
      const second = await connectSandboxAccount(db(), "strava", "bulk-10");
      const oura = await connectSandboxAccount(db(), "oura", "sleeper");
      const { job: paused } = await enqueueConnectionSync(db(), {
        userId: first.user.id,
        connectionId: first.connection.id,
      });
      const later = new Date(Date.now() + 15 * 60_000);
      await db()
        .update(syncJobs)
        .set({ status: "waiting", runAfter: later, waitingUntil: later, waitingOn: "strava" })
        .where(eq(syncJobs.id, paused.id));
      const { job: blocked } = await enqueueConnectionSync(db(), {
        userId: second.user.id,
        connectionId: second.connection.id,
      });
      const { job: free } = await enqueueConnectionSync(db(), {
        userId: oura.user.id,
        connectionId: oura.connection.id,
      });

      expect((await claimNextJob(db()))?.id).toBe(free.id);
      expect(await claimNextJob(db())).toBeNull();
      expect((await job(blocked.id)).status).toBe("pending");

      // The window is over: the held-back job runs.
      await db()
        .update(syncJobs)
        .set({ waitingUntil: new Date(0), runAfter: new Date(0) })
        .where(eq(syncJobs.id, paused.id));
      const claimed = [await claimNextJob(db()), await claimNextJob(db())].map((row) => row?.id);
      expect(claimed).toEqual(expect.arrayContaining([paused.id, blocked.id]));
    });

    it("takes turns between users: a long queue of one user's backfills does not keep another user's sync waiting", async () => {
      const backfills = [];
      const heavy = await connectSandboxAccount(db(), "strava", "bulk-10");
      backfills.push(heavy.connection);
      for (const account of ["sleeper", "athlete"]) {
        const { connection } = await connectSandboxAccount(db(), "oura", account);
        // Same person, more accounts: move them to the heavy user.
        await db().execute(sql`update provider_connections set user_id = ${heavy.user.id} where id = ${connection.id}`);
        backfills.push({ ...connection, userId: heavy.user.id });
      }
      const queuedFirst: SyncJob[] = [];
      for (const connection of backfills) {
        queuedFirst.push(
          (await enqueueConnectionSync(db(), { userId: heavy.user.id, connectionId: connection.id, kind: "backfill" }))
            .job,
        );
      }
      const light = await connectSandboxAccount(db(), "strava", "bulk-10");
      const { job: lightSync } = await enqueueConnectionSync(db(), {
        userId: light.user.id,
        connectionId: light.connection.id,
      });

      // One worker, one job at a time: the heavy user's oldest backfill, then the light user's sync.
      const order: string[] = [];
      for (let turn = 0; turn < 2; turn++) {
        const claimed = (await claimNextJob(db()))!;
        order.push(claimed.id);
        await finishJob(db(), { jobId: claimed.id, status: "succeeded" });
      }
      expect(order).toEqual([queuedFirst[0]!.id, lightSync.id]);

      // Two workers: while one of the heavy user's jobs runs, the other worker goes to someone else.
      const heavyRunning = (await claimNextJob(db()))!;
      expect(heavyRunning.userId).toBe(heavy.user.id);
      const { job: lightAgain } = await enqueueConnectionSync(db(), {
        userId: light.user.id,
        connectionId: light.connection.id,
      });
      expect((await claimNextJob(db()))?.id).toBe(lightAgain.id);
    });

    it("renews a running job's lease while its worker lives, and reclaims the job once a dead worker's lease runs out", async () => {
      const { user, connection } = await connectSandboxAccount(db(), "strava", "bulk-10");
      const { job: queued } = await enqueueConnectionSync(db(), { userId: user.id, connectionId: connection.id });
      const claimed = (await claimNextJob(db()))!;
      expect(claimed.id).toBe(queued.id);
      const claimedLease = claimed.leaseExpiresAt!;
      // The lease is short: a minute, not five.
      expect(claimedLease.getTime() - claimed.updatedAt.getTime()).toBeLessThanOrEqual(LEASE_MS);

      const heartbeat = startLeaseHeartbeat(db(), { jobId: claimed.id, everyMs: 10 });
      await vi.waitFor(
        async () => expect((await job(claimed.id)).leaseExpiresAt!.getTime()).toBeGreaterThan(claimedLease.getTime()),
        { timeout: 5_000, interval: 20 },
      );
      await heartbeat.stop();
      expect(await claimNextJob(db())).toBeNull(); // a live lease keeps it

      // The worker dies: nothing renews the lease, which runs out.
      await db()
        .update(syncJobs)
        .set({ leaseExpiresAt: new Date(Date.now() - 1000) })
        .where(eq(syncJobs.id, claimed.id));
      const reclaimed = (await claimNextJob(db()))!;
      expect(reclaimed).toMatchObject({ id: claimed.id, status: "running", attempts: 2 });
      expect(reclaimed.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    });

    it("renews the lease while a sync waits on a slow provider, before any page commits", async () => {
      const { user, connection } = await connectSandboxAccount(db(), "strava", "bulk-10");
      await enqueueConnectionSync(db(), { userId: user.id, connectionId: connection.id });
      sandbox.state.faults.push({
        host: "www.strava.com",
        pathIncludes: "/athlete/activities",
        kind: "slow",
        times: 1,
        delayMs: 1500,
      });
      const claimed = (await claimNextJob(db()))!;
      const running = executeSyncJob(db(), claimed, { heartbeatMs: 10, sleep: async () => {} });
      // Page commits renew the lease too: this one is renewed while no page has committed yet.
      await vi.waitFor(
        async () => {
          const row = await job(claimed.id);
          expect(row.progressDone).toBe(0);
          expect(row.leaseExpiresAt!.getTime()).toBeGreaterThan(claimed.leaseExpiresAt!.getTime());
        },
        { timeout: 1_400, interval: 20 },
      );
      expect(await running).toBe("succeeded");
      expect(await job(claimed.id)).toMatchObject({ status: "succeeded", leaseExpiresAt: null, inserted: 10 });
    });
  },
  { isOwnDatabase: true },
);
