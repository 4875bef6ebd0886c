import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { completeConnection } from "@/lib/connections/connect";
import { getForwardingRuleOrThrow } from "@/lib/db/queries/forwarding-rules";
import { writeLogEntry } from "@/lib/db/queries/forwarding-log";
import { activities, forwardingLog } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";
import { openDestination } from "@/lib/forwarding/destination";
import { executeForwarding } from "@/lib/forwarding/execute";
import { planForwarding } from "@/lib/forwarding/plan";
import { buildFitActivity } from "@tests/fixtures/activity-files";
import { describeEachDatabase } from "../databases";
import { addForwardingRule, addSourceActivity, connectStravaPair } from "../forwarding-driver";
import { APP_ORIGIN, authorizeAtProvider } from "../oauth-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { connectSandboxAccount, syncNow } from "../sync-driver";

const sandbox = setUpSandboxServer();
const noSleep = async () => {};
const uploadsSent = () => sandbox.state.countCalls({ provider: "strava", method: "POST", path: "/api/v3/uploads" });

let storeRoot: string;
let store: DiskFileStore;
beforeAll(async () => {
  storeRoot = await fs.mkdtemp(path.join(os.tmpdir(), "qt-forwarding-"));
  store = new DiskFileStore(storeRoot);
});
afterAll(async () => {
  await fs.rm(storeRoot, { recursive: true, force: true });
});

describeEachDatabase("forwarding to Strava", (database) => {
  /** A destination Strava account with its (synthetic) activities synced, and an empty source account of the same person. */
  async function setUp(account: string) {
    const { user, destination, source } = await connectStravaPair(database.db, account, `${account}-source`);
    const existing = await database.db
      .select()
      .from(activities)
      .where(eq(activities.connectionId, destination.id))
      .orderBy(asc(activities.startAt));
    return { user, destination, source, existing };
  }

  it("does what its dry run said, skips the copy already there, and a second run uploads nothing", async () => {
    const { user, destination, source, existing } = await setUp("bulk-5");
    const copy = existing[0]!;
    await addSourceActivity(database.db, store, source, new Date(copy.startAt.getTime() + 20_000), copy.durationS!);
    await addSourceActivity(database.db, store, source, new Date("2021-05-01T07:00:00Z"), 1800);
    await addSourceActivity(database.db, store, source, new Date("2021-05-02T07:00:00Z"), 2400);
    const forwarding = await addForwardingRule(database.db, user.id, source.id, destination.id);

    // Oldest first: the two 2021 runs, then the copy of a recent one.
    const dryRun = await planForwarding(database.db, { rule: forwarding });
    expect(dryRun.items.map((item) => item.action)).toEqual(["upload", "upload", "skip_existing"]);
    expect(dryRun.items[2]!.match?.externalId).toBe(copy.externalId);
    expect(uploadsSent()).toBe(0);

    const ran = await executeForwarding(database.db, dryRun, { store, sleep: noSleep });
    expect(ran.map((item) => item.outcome)).toEqual(["uploaded", "uploaded", "skipped_existing"]);
    expect(uploadsSent()).toBe(2);

    // The uploads became activities on Strava, named by our external id, and the log names them.
    expect(sandbox.state.uploadedActivities.map((activity) => activity.externalId).sort()).toEqual(
      dryRun.items
        .slice(0, 2)
        .map((item) => `qt-${item.sourceActivityId}`)
        .sort(),
    );
    const logged = await database.db.select().from(forwardingLog).where(eq(forwardingLog.ruleId, forwarding.id));
    expect(
      logged
        .filter((entry) => entry.decision === "uploaded")
        .map((entry) => entry.matchedExternalId)
        .sort(),
    ).toEqual(sandbox.state.uploadedActivities.map((activity) => String(activity.id)).sort());

    const again = await planForwarding(database.db, { rule: forwarding });
    expect(again.items.map((item) => item.action)).toEqual(["already_done", "already_done", "already_done"]);
    await executeForwarding(database.db, again, { store, sleep: noSleep });
    expect(uploadsSent()).toBe(2);
  });

  it("keeps the existing copy when replacing is asked of Strava, whose API cannot delete, and says so", async () => {
    const { user, destination, source, existing } = await setUp("bulk-3");
    const copy = existing[1]!;
    await addSourceActivity(database.db, store, source, copy.startAt, copy.durationS!);
    const forwarding = await addForwardingRule(database.db, user.id, source.id, destination.id, "replace_existing");
    const plan = await planForwarding(database.db, { rule: forwarding });
    expect(plan.items).toHaveLength(1);
    expect(plan.items[0]).toMatchObject({ action: "skip_existing", match: { externalId: copy.externalId } });
    expect(plan.items[0]!.reason).toMatch(/cannot delete/);
    await executeForwarding(database.db, plan, { store, sleep: noSleep });
    expect(uploadsSent()).toBe(0);
  });

  it("polls an upload sent before a crash instead of sending it again", async () => {
    const { user, destination, source } = await setUp("bulk-2");
    const activity = await addSourceActivity(database.db, store, source, new Date("2021-06-01T07:00:00Z"), 1800);
    const forwarding = await addForwardingRule(database.db, user.id, source.id, destination.id);
    // The process died after Strava took the file and the upload id was kept, before the result was.
    const { uploads, context } = await openDestination(database.db, { userId: user.id, connectionId: destination.id });
    const sent = await uploads.upload(context, {
      bytes: buildFitActivity({ start: activity.startAt, seconds: 1800 }),
      format: "fit",
      fileName: "run.fit",
      externalId: `qt-${activity.id}`,
    });
    await writeLogEntry(database.db, {
      userId: user.id,
      ruleId: forwarding.id,
      sourceActivityId: activity.id,
      destinationConnectionId: destination.id,
      decision: "pending",
      uploadId: sent.uploadId,
    });

    const plan = await planForwarding(database.db, { rule: forwarding });
    expect(plan.items.map((item) => item.action)).toEqual(["poll"]);
    const ran = await executeForwarding(database.db, plan, { store, sleep: noSleep });
    expect(ran[0]).toMatchObject({ outcome: "uploaded", uploadId: sent.uploadId });
    expect(uploadsSent()).toBe(1);
    expect(sandbox.state.uploadedActivities).toHaveLength(1);
  });

  it("retries a failed upload later, after its backoff, without a second copy", async () => {
    const { user, destination, source } = await setUp("bulk-2");
    await addSourceActivity(database.db, store, source, new Date("2021-07-01T07:00:00Z"), 1800);
    const forwarding = await addForwardingRule(database.db, user.id, source.id, destination.id);
    sandbox.state.faults.push({
      host: "www.strava.com",
      pathIncludes: "/api/v3/uploads",
      kind: "server_error",
      times: 4,
    });

    const first = await executeForwarding(database.db, await planForwarding(database.db, { rule: forwarding }), {
      store,
      sleep: noSleep,
    });
    expect(first[0]!.outcome).toBe("failed");
    const [entry] = await database.db.select().from(forwardingLog).where(eq(forwardingLog.ruleId, forwarding.id));
    expect(entry).toMatchObject({ decision: "failed", attempts: 1 });
    expect(entry!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());

    // Not before its time.
    const early = await planForwarding(database.db, { rule: forwarding });
    expect(early.items.map((item) => item.action)).toEqual(["waiting_retry"]);

    const later = await planForwarding(database.db, {
      rule: forwarding,
      now: new Date(entry!.nextAttemptAt!.getTime() + 1),
    });
    expect(later.items.map((item) => item.action)).toEqual(["upload"]);
    await database.db
      .update(forwardingLog)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(forwardingLog.id, entry!.id));
    const retried = await executeForwarding(database.db, later, { store, sleep: noSleep });
    expect(retried[0]!.outcome).toBe("uploaded");
    expect(sandbox.state.uploadedActivities).toHaveLength(1);
    const [after] = await database.db
      .select()
      .from(forwardingLog)
      .where(and(eq(forwardingLog.ruleId, forwarding.id), eq(forwardingLog.decision, "uploaded")));
    expect(after!.attempts).toBe(2);
  });

  it("forwards an activity without a kept original as a generated FIT, and says so in the plan", async () => {
    const { user, destination, source } = await setUp("bulk-2");
    const startAt = new Date("2021-08-01T06:30:00Z");
    await addSourceActivity(database.db, store, source, startAt, 2700, { withFile: false });
    const forwarding = await addForwardingRule(database.db, user.id, source.id, destination.id);

    const plan = await planForwarding(database.db, { rule: forwarding });
    expect(plan.items).toHaveLength(1);
    expect(plan.items[0]).toMatchObject({ action: "upload", generatedFile: { format: "fit" } });
    expect(plan.items[0]!.file).toBeUndefined();
    expect(plan.items[0]!.generatedFile!.fileName).toMatch(/-generated\.fit$/);
    expect(plan.items[0]!.reason).toMatch(/generated/);

    const ran = await executeForwarding(database.db, plan, { store, sleep: noSleep });
    expect(ran[0]!.outcome).toBe("uploaded");
    // Strava read the generated file as the same workout: its start and length.
    expect(sandbox.state.uploadedActivities).toHaveLength(1);
    expect(sandbox.state.uploadedActivities[0]).toMatchObject({ startAt, durationS: 2700 });
  });

  it("does not send a forwarded copy back where it came from (two rules pointing at each other)", async () => {
    const { user, source } = await setUp("bulk-2");
    // A destination not synced yet: its first sync reads its whole history, the copy included.
    const query = await authorizeAtProvider(database.db, { userId: user.id, provider: "strava", account: "bulk-1" });
    const { connection: destination } = await completeConnection(database.db, {
      userId: user.id,
      query,
      origin: APP_ORIGIN,
    });
    await addSourceActivity(database.db, store, source, new Date("2021-11-01T07:00:00Z"), 1800);
    const there = await addForwardingRule(database.db, user.id, source.id, destination.id);
    const ran = await executeForwarding(database.db, await planForwarding(database.db, { rule: there }), {
      store,
      sleep: noSleep,
    });
    expect(ran[0]!.outcome).toBe("uploaded");
    // The destination's next sync brings the copy in as one of its activities.
    await syncNow(database.db, destination);
    const copyId = String(sandbox.state.uploadedActivities[0]!.id);
    const [copy] = await database.db
      .select()
      .from(activities)
      .where(and(eq(activities.connectionId, destination.id), eq(activities.externalId, copyId)));
    expect(copy).toBeDefined();

    const back = await addForwardingRule(database.db, user.id, destination.id, source.id, "replace_existing");
    for (const force of [false, true]) {
      const plan = await planForwarding(database.db, { rule: back, force });
      const item = plan.items.find((each) => each.sourceActivityId === copy!.id)!;
      expect(item).toMatchObject({ action: "already_done" });
      expect(item.reason).toMatch(/copy forwarding put here/);
    }
  });

  it("refuses another user's rule as not found", async () => {
    const { user, destination, source } = await setUp("bulk-2");
    const forwarding = await addForwardingRule(database.db, user.id, source.id, destination.id);
    const { user: stranger } = await connectSandboxAccount(database.db, "strava", "stranger");
    await expect(
      getForwardingRuleOrThrow(database.db, { userId: stranger.id, ruleId: forwarding.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(addForwardingRule(database.db, stranger.id, source.id, destination.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
