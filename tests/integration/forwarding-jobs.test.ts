import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { ForwardStatus } from "@/app/dashboard/settings/ForwardStatus";
import type { Database } from "@/lib/db/client";
import { createForwardingRule } from "@/lib/db/queries/forwarding-rules";
import { findActiveJob, getSyncJob } from "@/lib/db/queries/sync-jobs";
import { forwardingLog, syncJobs } from "@/lib/db/schema";
import { enqueueForwardingRun } from "@/lib/jobs/forwarding-jobs";
import { describeEachDatabase } from "../databases";
import { connectStravaSource } from "../forwarding-driver";
import { setUpFileStore } from "../original-files";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount, runJobToEnd, syncNow } from "../sync-driver";

const sandbox = setUpSandboxServer();
const uploadsSent = () => sandbox.state.countCalls({ provider: "strava", method: "POST", path: "/api/v3/uploads" });

const files = setUpFileStore();

describeEachDatabase("forwarding runs as jobs", (database) => {
  /** A person with two Strava accounts: a source with three activities (no originals: Strava keeps none) and a destination. */
  async function setUp(db: Database, isEnabled = true) {
    const { user, connection: destination } = await connectSandboxAccount(db, "strava", "forward-destination");
    await db.delete(syncJobs).where(eq(syncJobs.connectionId, destination.id));
    const source = await connectStravaSource(db, user.id, "bulk-3");
    await db.delete(syncJobs).where(eq(syncJobs.connectionId, source.id));
    const rule = await createForwardingRule(db, {
      userId: user.id,
      rule: {
        sourceConnectionId: source.id,
        destinationConnectionId: destination.id,
        activityTypes: [],
        conflictStrategy: "skip_existing",
        isEnabled,
      },
    });
    return { user, source, destination, rule };
  }

  const forwardJobOf = (db: Database, connectionId: string) => findActiveJob(db, { connectionId, kind: "forward" });

  it("runs a source's rules after its sync, with progress n of m, and the next run after a sync uploads nothing", async () => {
    const db = database.db;
    const { source, rule } = await setUp(db);
    await syncNow(db, source, { fileStore: files.store });
    const queued = await forwardJobOf(db, source.id);
    expect(queued).toMatchObject({ kind: "forward", status: "pending", payload: { reason: "after_sync" } });
    expect(uploadsSent()).toBe(0);

    expect(renderToStaticMarkup(createElement(ForwardStatus, { job: queued! }))).toContain("Forwarding queued");
    const ran = await runJobToEnd(db, queued!, { fileStore: files.store });
    expect(ran).toMatchObject({ status: "succeeded", progressDone: 3, progressTotal: 3, inserted: 3, rejected: 0 });
    // The source's card shows a running one as n of m.
    const running = renderToStaticMarkup(createElement(ForwardStatus, { job: { ...ran, status: "running" } }));
    expect(running).toContain("Forwarding · 3 of 3");
    expect(uploadsSent()).toBe(3);
    const logged = await db.select().from(forwardingLog).where(eq(forwardingLog.jobId, queued!.id));
    expect(logged.map((entry) => entry.decision)).toEqual(["uploaded", "uploaded", "uploaded"]);
    expect(logged.every((entry) => entry.ruleId === rule.id)).toBe(true);

    // The run itself queues nothing more; the next sync queues a run that finds everything done.
    expect(await forwardJobOf(db, source.id)).toBeNull();
    await syncNow(db, source, { fileStore: files.store });
    const again = await runJobToEnd(db, (await forwardJobOf(db, source.id))!, { fileStore: files.store });
    expect(again).toMatchObject({ status: "succeeded", progressTotal: 3, inserted: 0, unchanged: 3 });
    expect(uploadsSent()).toBe(3);
  });

  it("queues nothing after a sync for a disabled rule, which still runs on demand; requests join one job", async () => {
    const db = database.db;
    const { user, source, rule } = await setUp(db, false);
    await syncNow(db, source, { fileStore: files.store });
    expect(await forwardJobOf(db, source.id)).toBeNull();

    const first = await enqueueForwardingRun(db, { userId: user.id, rule });
    const second = await enqueueForwardingRun(db, { userId: user.id, rule, force: true });
    expect(second.isNew).toBe(false);
    expect(second.job.id).toBe(first.job.id);
    expect(second.job.payload).toMatchObject({ ruleIds: [rule.id], forceRuleIds: [rule.id], reason: "on_demand" });
    const ran = await runJobToEnd(db, first.job, { fileStore: files.store });
    expect(ran).toMatchObject({ status: "succeeded", inserted: 3 });
    expect(sandbox.state.uploadedActivities).toHaveLength(3);
  });

  it("queues the next run for when a failed upload's backoff ends, and that run uploads it once", async () => {
    const db = database.db;
    const { user, source, rule } = await setUp(db);
    await syncNow(db, source, { fileStore: files.store });
    // Four 503s: the upload's own retries spent, the first activity's upload fails this run.
    sandbox.state.faults.push({
      host: "www.strava.com",
      pathIncludes: "/api/v3/uploads",
      kind: "server_error",
      times: 4,
    });
    const job = (await forwardJobOf(db, source.id))!;
    const ran = await runJobToEnd(db, job, { fileStore: files.store });
    expect(ran).toMatchObject({ status: "partial", inserted: 2, rejected: 1 });
    expect(ran.error).toMatch(/1 upload failed/);

    const [failed] = await db
      .select()
      .from(forwardingLog)
      .where(and(eq(forwardingLog.ruleId, rule.id), eq(forwardingLog.decision, "failed")));
    expect(failed!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    const retry = (await forwardJobOf(db, source.id))!;
    expect(retry).toMatchObject({ payload: { reason: "retry" }, userId: user.id });
    expect(retry.runAfter.getTime()).toBe(failed!.nextAttemptAt!.getTime());

    // Its time comes.
    await db
      .update(forwardingLog)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(forwardingLog.id, failed!.id));
    const retried = await runJobToEnd(db, retry, { fileStore: files.store });
    expect(retried).toMatchObject({ status: "succeeded", inserted: 1, unchanged: 2 });
    expect(sandbox.state.uploadedActivities).toHaveLength(3);
    expect((await getSyncJob(db, { jobId: retry.id }))!.status).toBe("succeeded");
    expect(await forwardJobOf(db, source.id)).toBeNull();
  });
});
