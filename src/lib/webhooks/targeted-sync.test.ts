import { and, count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { claimNextJob, getSyncJob } from "@/lib/db/queries/sync-jobs";
import { activities, samples, sleepSessions, syncJobs } from "@/lib/db/schema";
import { enqueueConnectionSync } from "@/lib/jobs";
import { executeSyncJob } from "@/lib/jobs/run-job";
import { fitbitSandbox } from "@/sandbox/fitbit/sandbox";
import { fitbitSync } from "@/lib/providers/fitbit/sync";
import { sandboxCredentials, sandboxWebhookSecret } from "@/sandbox/accounts";
import type { SyncRunOptions } from "@/lib/sync/run-sync";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, setUpBackfillDays, syncNow } from "@tests/sync-driver";
import { handleProviderWebhook, readWebhookRequest } from "./handle-webhook";

// Pushes sync only the streams that read what changed, shown with Google Health, whose
// notifications name one data type each.

const sandbox = setUpSandboxServer();

// A month of the other streams keeps the full syncs here quick.
setUpBackfillDays(fitbitSync, 30);

const ORIGIN = "http://qt.test";
const EVERY_TYPE = [
  "active-energy-burned",
  "body-fat",
  "daily-heart-rate-variability",
  "daily-resting-heart-rate",
  "distance",
  "exercise",
  "heart-rate",
  "sleep",
  "steps",
  "total-calories",
  "weight",
];
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** The data types the sandbox was asked for since the `since`-th request of this test, each once. */
const requestedTypes = (since = 0) =>
  [
    ...new Set(
      sandbox.state.calls
        .slice(since)
        .filter((call) => call.provider === "fitbit")
        .flatMap((call) => /\/dataTypes\/([^/:]+)\/dataPoints/.exec(call.path)?.[1] ?? []),
    ),
  ].sort();

describeEachDatabase("syncs queued by provider pushes", (database) => {
  const db = () => database.db;
  const jobsOf = (connectionId: string) => db().select().from(syncJobs).where(eq(syncJobs.connectionId, connectionId));
  const rowsIn = async (table: typeof activities | typeof sleepSessions | typeof samples, userId: string) =>
    (await db().select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;

  /** Google's notification that one data type of this person changed, delivered to the app. */
  async function notify(login: string, dataType: string) {
    const built = fitbitSandbox.buildWebhook!({
      account: login,
      kind: "sync",
      webhookSecret: sandboxWebhookSecret("fitbit"),
      ...sandboxCredentials("fitbit"),
    })!;
    const [envelope] = JSON.parse(built.body) as Array<{ data: Record<string, unknown> }>;
    const body = JSON.stringify([{ data: { ...envelope!.data, dataType } }]);
    const request = await readWebhookRequest(
      new Request(`${ORIGIN}/api/webhooks/fitbit`, { method: "POST", headers: built.headers, body }),
    );
    const response = await handleProviderWebhook(db(), "fitbit", request, ORIGIN);
    expect(response.status).toBe(204);
  }

  /** Runs the job a push queued, as a worker would; syncNow would queue a full sync that joins it. */
  async function runQueued(connectionId: string, options: SyncRunOptions = {}) {
    const claimed = await claimNextJob(db(), { connectionId });
    if (!claimed) throw new Error("no job was queued");
    await executeSyncJob(db(), claimed, { sleep: async () => {}, ...options });
    return (await getSyncJob(db(), { jobId: claimed.id }))!;
  }

  it("syncs only the heart-rate stream for a heart-rate notification, and every stream on a full sync", async () => {
    const login = unique("pushed");
    const { user, connection } = await connectSandboxAccount(db(), "fitbit", login);
    await notify(login, "heart-rate");
    const job = await runQueued(connection.id);
    expect(job).toMatchObject({
      kind: "webhook",
      status: "succeeded",
      payload: { reason: "webhook", streams: ["heart-rate"] },
    });
    expect(requestedTypes()).toEqual(["heart-rate"]);
    expect(await rowsIn(samples, user.id)).toBeGreaterThan(0);
    expect(await rowsIn(activities, user.id)).toBe(0);
    // Not a full sync, so the scheduled one stays due.
    expect(await reloadConnection(db(), connection.id)).toMatchObject({ status: "active", lastSyncedAt: null });

    const mark = sandbox.state.calls.length;
    const full = await syncNow(db(), connection);
    expect(full.status).toBe("succeeded");
    expect(requestedTypes(mark)).toEqual(EVERY_TYPE);
    expect(await rowsIn(activities, user.id)).toBeGreaterThan(0);
    expect((await reloadConnection(db(), connection.id)).lastSyncedAt).not.toBeNull();
  });

  it("queues nothing for a data type no stream reads", async () => {
    const login = unique("floors");
    const { connection } = await connectSandboxAccount(db(), "fitbit", login);
    await notify(login, "floors");
    expect(await jobsOf(connection.id)).toHaveLength(0);
  });

  it("unions the streams of pushes that join one job, and a full sync widens it to every stream for good", async () => {
    const login = unique("joined");
    const { connection } = await connectSandboxAccount(db(), "fitbit", login);
    await notify(login, "weight");
    await notify(login, "sleep");
    await notify(login, "body-fat");
    let jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload).toEqual({ reason: "webhook", streams: ["body", "sleep"] });

    const manual = await enqueueConnectionSync(db(), {
      userId: connection.userId,
      connectionId: connection.id,
      reason: "manual",
    });
    expect(manual).toMatchObject({ isNew: false, job: { id: jobs[0]!.id } });
    await notify(login, "exercise");
    jobs = await jobsOf(connection.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload).toEqual({ reason: "webhook" });
  });

  it("keeps a job queued for every stream so when a targeted push joins it", async () => {
    const login = unique("scheduled");
    const { connection } = await connectSandboxAccount(db(), "fitbit", login);
    await enqueueConnectionSync(db(), { userId: connection.userId, connectionId: connection.id, reason: "scheduled" });
    await notify(login, "sleep");
    const job = await runQueued(connection.id);
    expect(job.payload).toEqual({ reason: "scheduled" });
    expect(requestedTypes()).toEqual(EVERY_TYPE);
  });

  it("gives a push that joins a running targeted job one more round for its stream", async () => {
    const login = unique("running");
    const { user, connection } = await connectSandboxAccount(db(), "fitbit", login);
    await notify(login, "heart-rate");
    // The first heart-rate request is rate limited; while the job waits, sleep data changes.
    sandbox.state.faults.push({
      host: "health.googleapis.com",
      pathIncludes: "/dataTypes/heart-rate/",
      kind: "rate_limit",
      times: 1,
      retryAfterSeconds: 1,
    });
    let hasPushed = false;
    const job = await runQueued(connection.id, {
      sleep: async () => {
        if (hasPushed) return;
        hasPushed = true;
        await notify(login, "sleep");
      },
    });
    expect(hasPushed).toBe(true);
    expect(job).toMatchObject({
      status: "succeeded",
      payload: { reason: "webhook", streams: ["heart-rate", "sleep"] },
    });
    expect(requestedTypes()).toEqual(["heart-rate", "sleep"]);
    expect(await rowsIn(sleepSessions, user.id)).toBeGreaterThan(0);
    expect(
      await db()
        .select()
        .from(syncJobs)
        .where(and(eq(syncJobs.connectionId, connection.id), eq(syncJobs.status, "pending"))),
    ).toHaveLength(0);
  });
});
