import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { setConnectionStatus } from "@/lib/db/queries/connections";
import { enqueueConnectionSync } from "@/lib/jobs";
import { bodyMeasurements, providerConnections, samples, syncJobs, users } from "@/lib/db/schema";
import { hasErrorCode } from "@/lib/errors";
import { savePreferences } from "@/lib/preferences";
import { startWeightSync } from "@/lib/weight/start-weight-sync";
import { computeBmi } from "@/lib/weight/weigh-in-rule";
import { nextWeightWindow, weightJobPayloadSchema, type WeightJobPayload } from "@/lib/weight/weight-windows";
import { SANDBOX_SCALE_SINCE, sandboxHeights, sandboxWeighIns } from "@/sandbox/fitbit/sandbox-body";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, recordingSleep, runJobToEnd } from "@tests/sync-driver";
import { addDays } from "@/lib/dates";
import { fitbitWeightHistory } from "./weight-history";

const sandbox = setUpSandboxServer();
const HOST = "health.googleapis.com";
const WEIGHT_PATH = "/v4/users/me/dataTypes/weight/dataPoints";
const weightCalls = () => sandbox.state.calls.filter((call) => call.path === WEIGHT_PATH);
// Google's 429 envelope; whether Google adds Retry-After is not documented, the sandbox does.
const RESOURCE_EXHAUSTED = { error: { code: 429, message: "Quota exceeded.", status: "RESOURCE_EXHAUSTED" } };

/** The windows a walk asks for, newest first, as [from, to) read back from each list's filter. */
const askedWindows = () =>
  weightCalls().map((call) => {
    const filter = new URLSearchParams(call.query).get("filter")!;
    const [, from, to] = /civil_time >= "([\d-]+)" AND weight\.sample_time\.civil_time < "([\d-]+)"/.exec(filter)!;
    return { from: from!, to: to! };
  });

/** Every window a payload's walk covers, from its `through` back. */
function plannedWindows(payload: WeightJobPayload) {
  const windows = [];
  let current = payload;
  for (let window = nextWeightWindow(current, fitbitWeightHistory); window;) {
    windows.push(window);
    current = { ...current, cursor: window.from };
    window = nextWeightWindow(current, fitbitWeightHistory);
  }
  return windows;
}

/** Runs `body` with "all" reaching back only `days`: most tests need a few windows, not 145. */
async function withHistoryDays<T>(days: number, body: () => Promise<T>): Promise<T> {
  const earliest = fitbitWeightHistory.earliestDate;
  fitbitWeightHistory.earliestDate = addDays(new Date().toISOString().slice(0, 10), -days);
  try {
    return await body();
  } finally {
    fitbitWeightHistory.earliestDate = earliest;
  }
}

describeEachDatabase("Fitbit weight history (Google Health)", (database) => {
  const rowsOf = (userId: string) =>
    database.db.select().from(bodyMeasurements).where(eq(bodyMeasurements.userId, userId));
  const start = (userId: string, scope: "30d" | "all") =>
    startWeightSync(database.db, { userId, provider: "fitbit", scope });

  it("syncs the last 30 days in one window, with ids, BMI from Fitbit's height and pending for forwarding; a re-run writes nothing", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "ada");
    const { job, isNew } = await start(user.id, "30d");
    expect(isNew).toBe(true);
    const payload = weightJobPayloadSchema.parse(job.payload);
    const done = await runJobToEnd(database.db, job);
    const [window] = plannedWindows(payload);
    const weighIns = sandboxWeighIns("ada", window!.from, window!.to);
    expect(weighIns.length).toBeGreaterThan(5);
    expect(done).toMatchObject({ status: "succeeded", progressDone: 100, inserted: weighIns.length, updated: 0 });
    expect(askedWindows()).toEqual([window]);

    const heightM = sandboxHeights("ada").at(-1)!.heightMm / 1000;
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(weighIns.length);
    for (const weighIn of weighIns) {
      const row = rows.find((candidate) => candidate.measuredAt.getTime() === weighIn.measuredAt.getTime());
      expect(row).toMatchObject({
        provider: "fitbit",
        connectionId: connection.id,
        weightKg: weighIn.weightKg,
        bmi: computeBmi(weighIn.weightKg, heightM),
        syncStatus: "pending",
        externalId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
    // The latest of the two heights Fitbit has, kept as a sample in metres.
    const heights = await database.db.select().from(samples).where(eq(samples.userId, user.id));
    expect(heights).toEqual([expect.objectContaining({ metric: "height", value: heightM, unit: "m" })]);

    const again = await runJobToEnd(database.db, (await start(user.id, "30d")).job);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0, unchanged: weighIns.length });
    expect(await rowsOf(user.id)).toHaveLength(weighIns.length);
  });

  it("walks all of it back to 2015-01-01, newest first, in windows of 30 days that neither gap nor overlap", async () => {
    const { user } = await connectSandboxAccount(database.db, "fitbit", "ada");
    const { job } = await start(user.id, "all");
    const done = await runJobToEnd(database.db, job);
    const windows = plannedWindows(weightJobPayloadSchema.parse(job.payload));
    expect(windows.at(-1)!.from).toBe("2015-01-01");
    expect(askedWindows()).toEqual(windows);
    for (const window of windows)
      expect(Date.parse(window.to) - Date.parse(window.from)).toBeLessThanOrEqual(30 * 864e5);
    const weighIns = sandboxWeighIns("ada", "2015-01-01", windows[0]!.to);
    // Years of them: the scale arrived in 2016.
    expect(weighIns[0]!.measuredAt.getUTCFullYear()).toBe(Number(SANDBOX_SCALE_SINCE.slice(0, 4)));
    expect(done).toMatchObject({ status: "succeeded", progressDone: 100, inserted: weighIns.length });
    expect(await rowsOf(user.id)).toHaveLength(weighIns.length);
  }, 180_000);

  it("resumes a stopped walk at the window it was in, fetching no committed window again", async () => {
    await withHistoryDays(200, async () => {
      const { user } = await connectSandboxAccount(database.db, "fitbit", "ada");
      const { job } = await start(user.id, "all");
      const windows = plannedWindows(weightJobPayloadSchema.parse(job.payload));
      expect(windows.length).toBe(7);
      // The fourth window's list answers 500 until the job's retries give out.
      sandbox.state.faults.push({ host: HOST, pathIncludes: "/weight/", kind: "server_error", times: 4, skip: 3 });
      const stopped = await runJobToEnd(database.db, job);
      expect(stopped).toMatchObject({ status: "pending", error: expect.stringContaining("HTTP 500") });
      expect(stopped.payload).toMatchObject({ cursor: windows[2]!.from });
      const firstThree = sandboxWeighIns("ada", windows[2]!.from, windows[0]!.to);
      expect(await rowsOf(user.id)).toHaveLength(firstThree.length);
      expect(stopped.inserted).toBe(firstThree.length);

      const done = await runJobToEnd(database.db, job);
      expect(done).toMatchObject({ status: "succeeded", progressDone: 100 });
      expect(askedWindows()).toEqual(windows);
      expect(await rowsOf(user.id)).toHaveLength(sandboxWeighIns("ada", windows.at(-1)!.from, windows[0]!.to).length);
    });
  });

  it("waits out a short 429 as Retry-After says, and gives the worker back for a long one, resuming from its cursor", async () => {
    await withHistoryDays(120, async () => {
      const { user } = await connectSandboxAccount(database.db, "fitbit", "grace");
      const { job } = await start(user.id, "all");
      const windows = plannedWindows(weightJobPayloadSchema.parse(job.payload));
      sandbox.state.faults.push(
        {
          host: HOST,
          pathIncludes: "/weight/",
          kind: "rate_limit",
          times: 2,
          skip: 1,
          retryAfterSeconds: 7,
          body: RESOURCE_EXHAUSTED,
        },
        {
          host: HOST,
          pathIncludes: "/weight/",
          kind: "rate_limit",
          times: 1,
          retryAfterSeconds: 90,
          body: RESOURCE_EXHAUSTED,
        },
      );
      const { waits, sleep } = recordingSleep();
      const deferred: Array<{ status: string; waitingUntil: Date | null; cursor: unknown }> = [];
      const done = await runJobToEnd(database.db, job, {
        sleep,
        onWaiting: (row) =>
          deferred.push({ status: row.status, waitingUntil: row.waitingUntil, cursor: row.payload.cursor }),
      });
      expect(waits.filter((ms) => ms === 7000)).toHaveLength(2);
      expect(deferred).toHaveLength(1);
      expect(deferred[0]!.status).toBe("waiting");
      expect(deferred[0]!.waitingUntil!.getTime()).toBeGreaterThan(Date.now() + 60_000);
      // The first window committed; the second met the long 429.
      expect(deferred[0]!.cursor).toBe(windows[0]!.from);
      expect(done).toMatchObject({ status: "succeeded", waitingUntil: null });
      expect(askedWindows()).toEqual(windows);
      expect(await rowsOf(user.id)).toHaveLength(sandboxWeighIns("grace", windows.at(-1)!.from, windows[0]!.to).length);
    });
  });

  it("takes the height from Preferences when Fitbit has none, filling BMI in rows stored without it", async () => {
    const { user } = await connectSandboxAccount(database.db, "fitbit", "no-height-bo");
    const first = await runJobToEnd(database.db, (await start(user.id, "30d")).job);
    const rows = await rowsOf(user.id);
    expect(rows.length).toBe(first.inserted);
    expect(rows.every((row) => row.bmi === null)).toBe(true);

    const saved = await savePreferences(database.db, {
      userId: user.id,
      input: { unitSystem: "metric", timeZone: "UTC", heightCm: "170" },
    });
    expect(saved.ok).toBe(true);
    const second = await runJobToEnd(database.db, (await start(user.id, "30d")).job);
    expect(second).toMatchObject({ status: "succeeded", inserted: 0, updated: rows.length });
    for (const row of await rowsOf(user.id)) expect(row.bmi).toBe(computeBmi(row.weightKg, 1.7));
    const [stored] = await database.db.select({ heightM: users.heightM }).from(users).where(eq(users.id, user.id));
    expect(stored!.heightM).toBe(1.7);
  });

  it("answers 404 without a Fitbit account and 409 when it must be reconnected; a second request joins the walk and widens it", async () => {
    const alone = await createTestUser(database.db);
    await expect(start(alone.id, "30d")).rejects.toSatisfy((error) => hasErrorCode(error, "NOT_FOUND"));

    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "ada");
    const { job } = await start(user.id, "30d");
    const joined = await start(user.id, "all");
    expect(joined).toMatchObject({ isNew: false, job: { id: job.id, payload: { scope: "all" } } });
    // The connection's own sync (its first one, queued on connecting) stays beside it, and a
    // "sync now" joins that sync, not the weight walk.
    const sync = await enqueueConnectionSync(database.db, { userId: user.id, connectionId: connection.id });
    expect(sync.job.kind).not.toBe("weight");
    const pending = await database.db
      .select({ kind: syncJobs.kind })
      .from(syncJobs)
      .where(and(eq(syncJobs.connectionId, connection.id), eq(syncJobs.status, "pending")));
    expect(pending.map((row) => row.kind).sort()).toEqual([sync.job.kind, "weight"].sort());

    await setConnectionStatus(database.db, { connectionId: connection.id, status: "needs_reauth" });
    const { user: other, connection: otherConnection } = await connectSandboxAccount(database.db, "fitbit", "grace");
    await setConnectionStatus(database.db, { connectionId: otherConnection.id, status: "needs_reauth" });
    await expect(start(other.id, "30d")).rejects.toSatisfy((error) => hasErrorCode(error, "CONFLICT"));
  });

  it("fails for good, with Google's words, when the weight list is refused", async () => {
    await withHistoryDays(60, async () => {
      const { user, connection } = await connectSandboxAccount(database.db, "fitbit", "ada");
      sandbox.state.faults.push({
        host: HOST,
        pathIncludes: "/weight/",
        kind: "http_error",
        status: 400,
        times: 10,
        body: {
          error: { code: 400, message: "Data type weight is not available for this user.", status: "INVALID_ARGUMENT" },
        },
      });
      const done = await runJobToEnd(database.db, (await start(user.id, "all")).job);
      expect(done).toMatchObject({ status: "failed", error: expect.stringContaining("not available for this user") });
      // The connection's own syncs are not the weight walk's: it is not marked as failing.
      const [row] = await database.db
        .select({ status: providerConnections.status, lastError: providerConnections.lastError })
        .from(providerConnections)
        .where(eq(providerConnections.id, connection.id));
      expect(row).toEqual({ status: "active", lastError: null });
    });
  });
});
