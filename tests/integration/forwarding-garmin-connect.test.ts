import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { linkWithPassword } from "@/lib/connections/credential-link";
import type { Database } from "@/lib/db/client";
import { claimLogEntry, setLogUploadId } from "@/lib/db/queries/forwarding-log";
import { createForwardingRule } from "@/lib/db/queries/forwarding-rules";
import { activities, forwardingLog, providerConnections, syncJobs, type ConflictStrategy } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";
import { openDestination } from "@/lib/forwarding/destination";
import { executeForwarding } from "@/lib/forwarding/execute";
import { planForwarding } from "@/lib/forwarding/plan";
import { garminConnect, garminConnectChina } from "@/lib/providers/garmin-connect";
import { connectStore } from "@/sandbox/garmin-connect/sandbox-store";
import { buildFitActivity } from "@tests/fixtures/activity-files";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { addSourceActivity, connectStravaSource } from "../forwarding-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { setUpBackfillDays, syncNow } from "../sync-driver";

const sandbox = setUpSandboxServer();
for (const provider of [garminConnect, garminConnectChina]) setUpBackfillDays(provider.sync!, 12);
const noSleep = async () => {};
const connectCalls = (method: string, pattern: string, provider = "garmin_connect") =>
  sandbox.state.countCalls({ provider, method, path: pattern });
const uploadsSent = (provider?: string) => connectCalls("POST", "/upload-service/upload", provider);

let storeRoot: string;
let store: DiskFileStore;
beforeAll(async () => {
  storeRoot = await fs.mkdtemp(path.join(os.tmpdir(), "qt-forwarding-garmin-"));
  store = new DiskFileStore(storeRoot);
});
afterAll(async () => {
  await fs.rm(storeRoot, { recursive: true, force: true });
});

describeEachDatabase("forwarding to Garmin Connect (password-linked)", (database) => {
  /** A person with a Garmin Connect account (synced, so its activities are known) and a Strava account to forward from. */
  async function setUp(db: Database, username: string, region: "global" | "cn" = "global") {
    const user = await createTestUser(db);
    const outcome = await linkWithPassword(db, {
      userId: user.id,
      family: "garmin",
      input: { username, password: "a sandbox password 9c1e", region, autoSignIn: false },
    });
    if (outcome.kind !== "linked") throw new Error(`expected a link, got ${outcome.kind}`);
    const destination = outcome.connection;
    await db.delete(syncJobs).where(eq(syncJobs.connectionId, destination.id));
    await syncNow(db, destination, { fileStore: store });
    const existing = await db
      .select()
      .from(activities)
      .where(eq(activities.connectionId, destination.id))
      .orderBy(asc(activities.startAt));
    const source = await connectStravaSource(db, user.id, `${username}-source`);
    return { user, destination, source, existing };
  }

  const rule = (
    userId: string,
    sourceId: string,
    destinationId: string,
    conflictStrategy: ConflictStrategy = "skip_existing",
  ) =>
    createForwardingRule(database.db, {
      userId,
      rule: {
        sourceConnectionId: sourceId,
        destinationConnectionId: destinationId,
        activityTypes: [],
        conflictStrategy,
      },
    });

  it("uploads a new activity, replaces a copy by deleting it first, and a second run uploads nothing", async () => {
    const { user, destination, source, existing } = await setUp(database.db, "replacer");
    expect(existing.length).toBeGreaterThan(0);
    const copy = existing.at(-1)!;
    await addSourceActivity(database.db, store, source, new Date("2021-03-01T07:00:00Z"), 1800);
    await addSourceActivity(database.db, store, source, new Date(copy.startAt.getTime() + 15_000), copy.durationS!);
    const forwarding = await rule(user.id, source.id, destination.id, "replace_existing");

    const plan = await planForwarding(database.db, { rule: forwarding });
    expect(plan.items.map((item) => item.action)).toEqual(["upload", "replace"]);
    expect(plan.items[1]!.match?.externalId).toBe(copy.externalId);
    expect(uploadsSent()).toBe(0);

    const ran = await executeForwarding(database.db, plan, { store, sleep: noSleep });
    expect(ran.map((item) => item.outcome)).toEqual(["uploaded", "replaced"]);
    expect(uploadsSent()).toBe(2);
    expect(connectCalls("DELETE", "/activity-service/activity/:activityId")).toBe(1);
    // The copy is gone from Connect; the two files are activities there, and the log names them.
    const connect = connectStore(sandbox.state);
    expect([...connect.deleted]).toEqual([`garmin.com:replacer:${copy.externalId}`]);
    const made = [...connect.uploads.values()].map((upload) => String(upload.activityId)).sort();
    const logged = await database.db.select().from(forwardingLog).where(eq(forwardingLog.ruleId, forwarding.id));
    expect(logged.map((entry) => entry.decision).sort()).toEqual(["replaced", "uploaded"]);
    expect(logged.map((entry) => entry.matchedExternalId).sort()).toEqual(made);

    const again = await planForwarding(database.db, { rule: forwarding });
    expect(again.items.map((item) => item.action)).toEqual(["already_done", "already_done"]);
    await executeForwarding(database.db, again, { store, sleep: noSleep });
    expect(uploadsSent()).toBe(2);
    expect(connectCalls("DELETE", "/activity-service/activity/:activityId")).toBe(1);
  });

  it("skips a copy when asked to, and a China account's upload goes to garmin.cn only", async () => {
    const { user, destination, source, existing } = await setUp(database.db, "skipper", "cn");
    const copy = existing[0]!;
    await addSourceActivity(database.db, store, source, copy.startAt, copy.durationS!);
    await addSourceActivity(database.db, store, source, new Date("2021-04-01T07:00:00Z"), 2400, { withFile: false });
    const forwarding = await rule(user.id, source.id, destination.id);

    const plan = await planForwarding(database.db, { rule: forwarding });
    expect(plan.items.map((item) => item.action)).toEqual(["upload", "skip_existing"]);
    expect(plan.items[0]!.generatedFile?.format).toBe("fit");
    const ran = await executeForwarding(database.db, plan, { store, sleep: noSleep });
    expect(ran.map((item) => item.outcome)).toEqual(["uploaded", "skipped_existing"]);
    expect(uploadsSent("garmin_connect_cn")).toBe(1);
    expect(uploadsSent("garmin_connect")).toBe(0);
    expect(connectCalls("DELETE", "/activity-service/activity/:activityId", "garmin_connect_cn")).toBe(0);
  });

  it("asks nothing of a destination that is paused, stopped or must be reconnected, and logs nothing for it", async () => {
    const { user, destination, source } = await setUp(database.db, "holder");
    await addSourceActivity(database.db, store, source, new Date("2021-06-01T07:00:00Z"), 1800);
    const forwarding = await rule(user.id, source.id, destination.id);
    const hold = (changes: Partial<typeof providerConnections.$inferInsert>) =>
      database.db.update(providerConnections).set(changes).where(eq(providerConnections.id, destination.id));
    const pausedUntil = new Date(Date.now() + 2 * 3_600_000);
    const cases = [
      [{ pausedUntil }, "waiting_retry", /paused until/],
      [{ pausedUntil: null, syncStoppedAt: new Date() }, "cannot_upload", /Syncing is stopped/],
      [{ syncStoppedAt: null, status: "needs_reauth" as const }, "cannot_upload", /Reconnect/],
    ] as const;
    for (const [changes, action, reason] of cases) {
      await hold(changes);
      const plan = await planForwarding(database.db, { rule: forwarding });
      expect(plan.items.map((item) => item.action)).toEqual([action]);
      expect(plan.items[0]!.reason).toMatch(reason);
      await executeForwarding(database.db, plan, { store, sleep: noSleep });
    }
    expect(uploadsSent()).toBe(0);
    expect(await database.db.select().from(forwardingLog).where(eq(forwardingLog.ruleId, forwarding.id))).toEqual([]);

    await hold({ status: "active" });
    const ran = await executeForwarding(database.db, await planForwarding(database.db, { rule: forwarding }), {
      store,
      sleep: noSleep,
    });
    expect(ran.map((item) => item.outcome)).toEqual(["uploaded"]);
  });

  it("never makes a second copy after a crash between the upload and its log entry", async () => {
    const { user, destination, source } = await setUp(database.db, "crasher");
    const kept = await addSourceActivity(database.db, store, source, new Date("2021-05-01T07:00:00Z"), 1800);
    const lost = await addSourceActivity(database.db, store, source, new Date("2021-05-02T07:00:00Z"), 2000);
    const forwarding = await rule(user.id, source.id, destination.id);
    const { uploads, context } = await openDestination(database.db, { userId: user.id, connectionId: destination.id });
    const pair = (activityId: string) => ({
      userId: user.id,
      ruleId: forwarding.id,
      sourceActivityId: activityId,
      destinationConnectionId: destination.id,
      seen: null,
    });
    const send = (startAt: Date, seconds: number) =>
      uploads.upload(context, {
        bytes: buildFitActivity({ start: startAt, seconds }),
        format: "fit",
        fileName: `run-${startAt.getTime()}.fit`,
        externalId: "ignored-by-connect",
      });
    // One died after Connect answered and its id was kept; the other before the answer was kept.
    const keptEntry = (await claimLogEntry(database.db, pair(kept.id)))!;
    const keptSent = await send(kept.startAt, 1800);
    await setLogUploadId(database.db, { entryId: keptEntry.id, uploadId: keptSent.uploadId });
    await claimLogEntry(database.db, pair(lost.id));
    const lostSent = await send(lost.startAt, 2000);
    expect(uploadsSent()).toBe(2);

    const plan = await planForwarding(database.db, { rule: forwarding });
    expect(plan.items.map((item) => item.action)).toEqual(["poll", "upload"]);
    const ran = await executeForwarding(database.db, plan, { store, sleep: noSleep });
    // The kept one is asked about, not sent; the lost one is sent again and Connect names the activity it already is.
    expect(ran[0]).toMatchObject({ outcome: "uploaded", uploadId: keptSent.uploadId });
    expect(ran[1]).toMatchObject({ outcome: "skipped_existing" });
    expect(uploadsSent()).toBe(3);
    expect(connectStore(sandbox.state).uploads.size).toBe(2);
    const [entry] = await database.db.select().from(forwardingLog).where(eq(forwardingLog.sourceActivityId, lost.id));
    expect(entry).toMatchObject({ decision: "skipped_existing", matchedExternalId: lostSent.uploadId });
  });
});
