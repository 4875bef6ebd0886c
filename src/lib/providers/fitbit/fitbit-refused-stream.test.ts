import { and, count, eq, isNotNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { askForStreamAgain } from "@/lib/connections/ask-stream-again";
import { completeConnection } from "@/lib/connections/connect";
import { claimNextJob, getSyncJob } from "@/lib/db/queries/sync-jobs";
import { bodyMeasurements, dailySummaries, sleepSessions } from "@/lib/db/schema";
import { toJobView } from "@/lib/jobs/job-view";
import { executeSyncJob } from "@/lib/jobs/run-job";
import { syntheticDays } from "@/sandbox/synthetic";
import { describeEachDatabase } from "@tests/databases";
import { createTestUser } from "@tests/factories";
import { APP_ORIGIN, authorizeAtProvider } from "@tests/oauth-driver";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, setUpBackfillDays, syncNow } from "@tests/sync-driver";
import { sandboxWeighIns } from "@/sandbox/fitbit/sandbox-body";
import { invalidArgument } from "@/sandbox/fitbit/sandbox-errors";
import { fitbitSync } from "./sync";
import { addDays } from "@/lib/dates";

// One data type that Google refuses for this account (HTTP 400 INVALID_ARGUMENT, its
// google.rpc.Status envelope) must not keep the others from syncing.

const sandbox = setUpSandboxServer();
setUpBackfillDays(fitbitSync, 30);

const HOST = "health.googleapis.com";
const DISTANCE_PATH = "/v4/users/me/dataTypes/distance/dataPoints:dailyRollUp";
const REFUSAL = "Data type distance is not available for this user.";
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

/** Every request for distance: those the fault refused and those the sandbox served. */
const distanceRequests = () =>
  sandbox.state.faultedCalls.filter((call) => call.path === DISTANCE_PATH).length +
  sandbox.state.countCalls({ provider: "fitbit", path: DISTANCE_PATH });

async function refuseDistance() {
  // As many refusals as anyone asks for: a retry would be refused too, and counted.
  sandbox.state.faults.push({
    host: HOST,
    pathIncludes: "/dataTypes/distance/",
    kind: "http_error",
    status: 400,
    body: await invalidArgument(REFUSAL).json(),
    times: 100,
  });
}

describeEachDatabase("a Google Health data type refused for one account", (database) => {
  const db = () => database.db;
  const today = () => new Date().toISOString().slice(0, 10);
  const days = (login: string) => syntheticDays("fitbit", login, addDays(today(), -30), addDays(today(), 2));
  const dailyWith = async (
    userId: string,
    column:
      | typeof dailySummaries.steps
      | typeof dailySummaries.distanceM
      | typeof dailySummaries.hrvMs
      | typeof dailySummaries.restingHeartRateBpm,
  ) =>
    (
      await db()
        .select({ n: count() })
        .from(dailySummaries)
        .where(and(eq(dailySummaries.userId, userId), isNotNull(column)))
    )[0]!.n;
  const rowsIn = async (table: typeof bodyMeasurements | typeof sleepSessions, userId: string) =>
    (await db().select({ n: count() }).from(table).where(eq(table.userId, userId)))[0]!.n;

  it("syncs every other stream, ends partial with Google's message on that stream, never asks again until told to", async () => {
    const login = unique("no-distance");
    const { user, connection } = await connectSandboxAccount(db(), "fitbit", login);
    await refuseDistance();

    const job = await syncNow(db(), connection, { maxAttempts: 4 });
    expect(job).toMatchObject({ status: "partial", attempts: 1 });
    expect(distanceRequests()).toBe(1);
    // Steps, resting heart rate, HRV, weight and sleep are stored; distance is not.
    expect(await dailyWith(user.id, dailySummaries.steps)).toBe(days(login).length);
    expect(await dailyWith(user.id, dailySummaries.restingHeartRateBpm)).toBeGreaterThan(0);
    expect(await dailyWith(user.id, dailySummaries.hrvMs)).toBeGreaterThan(0);
    expect(await dailyWith(user.id, dailySummaries.distanceM)).toBe(0);
    expect(await rowsIn(bodyMeasurements, user.id)).toBe(
      sandboxWeighIns(login, addDays(today(), -30), addDays(today(), 2)).length,
    );
    expect(await rowsIn(sleepSessions, user.id)).toBeGreaterThan(0);

    const refused = { state: "refused", httpStatus: 400, message: `INVALID_ARGUMENT: ${REFUSAL}` };
    expect(job.streamStatus).toMatchObject({
      distance: refused,
      steps: { state: "ok" },
      body: { state: "ok" },
      hrv: { state: "ok" },
      "resting-heart-rate": { state: "ok" },
    });
    expect(job.error).toContain(REFUSAL);
    expect(toJobView(job).streams.distance).toMatchObject(refused);
    const afterFirst = await reloadConnection(db(), connection.id);
    expect(afterFirst).toMatchObject({ status: "active", streamStatus: { distance: refused, steps: { state: "ok" } } });
    expect(afterFirst.lastSyncedAt).not.toBeNull();

    // The next sync skips what the account does not offer, and is otherwise a plain success.
    const later = await syncNow(db(), connection);
    expect(later).toMatchObject({
      status: "succeeded",
      streamStatus: { distance: { state: "skipped", message: refused.message }, steps: { state: "ok" } },
    });
    expect(distanceRequests()).toBe(1);
    expect((await reloadConnection(db(), connection.id)).streamStatus.distance).toMatchObject(refused);

    // The person asks again once Google offers it: only distance runs, and its days arrive.
    sandbox.state.faults.splice(0);
    const { job: asked } = await askForStreamAgain(db(), {
      userId: user.id,
      connectionId: connection.id,
      stream: "distance",
    });
    expect(asked.payload).toMatchObject({ streams: ["distance"] });
    expect((await reloadConnection(db(), connection.id)).streamStatus.distance).toBeUndefined();
    const claimed = await claimNextJob(db(), { connectionId: connection.id });
    expect(claimed?.id).toBe(asked.id);
    expect(await executeSyncJob(db(), claimed!, { sleep: async () => {} })).toBe("succeeded");
    expect((await getSyncJob(db(), { jobId: asked.id }))!.streamStatus).toEqual({
      distance: { state: "ok", at: expect.any(String) },
    });
    expect(distanceRequests()).toBe(2);
    expect(await dailyWith(user.id, dailySummaries.distanceM)).toBe(days(login).length);
    expect((await reloadConnection(db(), connection.id)).streamStatus.distance).toMatchObject({ state: "ok" });
  });

  it("lets only the owner ask again, and only for a stream the provider has", async () => {
    const { user, connection } = await connectSandboxAccount(db(), "fitbit", unique("owner"));
    const stranger = await createTestUser(db());
    await expect(
      askForStreamAgain(db(), { userId: stranger.id, connectionId: connection.id, stream: "distance" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      askForStreamAgain(db(), { userId: user.id, connectionId: connection.id, stream: "floors" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/^stream: /) });
  });

  it("asks for every refused stream again when the person consents again", async () => {
    const login = unique("reconsent");
    const { user, connection } = await connectSandboxAccount(db(), "fitbit", login);
    await refuseDistance();
    await syncNow(db(), connection);
    expect((await reloadConnection(db(), connection.id)).streamStatus.distance).toMatchObject({ state: "refused" });
    const query = await authorizeAtProvider(db(), { userId: user.id, provider: "fitbit", account: login });
    const { connection: again } = await completeConnection(db(), { userId: user.id, query, origin: APP_ORIGIN });
    expect(again.id).toBe(connection.id);
    expect((await reloadConnection(db(), connection.id)).streamStatus).toEqual({});
  });

  it("fails the whole job, keeping nothing to skip, when every stream is refused", async () => {
    const { connection } = await connectSandboxAccount(db(), "fitbit", unique("disabled"));
    // The Cloud project has the API turned off: every data request is refused alike.
    const body = {
      error: {
        code: 403,
        message: "Google Health API has not been used in project 1234 before or it is disabled.",
        status: "PERMISSION_DENIED",
      },
    };
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/dataTypes/",
      kind: "http_error",
      status: 403,
      body,
      times: 1000,
    });
    const job = await syncNow(db(), connection, { maxAttempts: 4 });
    expect(job).toMatchObject({
      status: "failed",
      attempts: 1,
      streamStatus: { steps: { state: "refused", httpStatus: 403 } },
    });
    expect(job.error).toContain("has not been used in project 1234");
    const after = await reloadConnection(db(), connection.id);
    expect(after).toMatchObject({ status: "error", streamStatus: {} });
  });
});
