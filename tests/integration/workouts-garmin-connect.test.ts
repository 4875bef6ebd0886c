import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { linkWithPassword } from "@/lib/connections/credential-link";
import { openTokens } from "@/lib/connections/credentials";
import type { Database } from "@/lib/db/client";
import { setSyncStopped } from "@/lib/db/queries/connections";
import { syncJobs, type ProviderConnection } from "@/lib/db/schema";
import type { ConnectClient } from "@/lib/providers/garmin-connect/connect-client";
import { connectWorkouts } from "@/lib/providers/garmin-connect/workout-destination";
import { listWorkoutDestinations } from "@/lib/workouts/destinations";
import type { StepTarget, WorkoutSingleStep, WorkoutStep } from "@/lib/workouts/plan-types";
import { paceOfSpeed } from "@/lib/workouts/units";
import { revokeConnectLogin } from "@/sandbox/garmin-connect/sandbox-tokens";
import { connectWorkoutStore } from "@/sandbox/garmin-connect/sandbox-workouts";
import { INTERVAL_RUN, OVER_UNDERS } from "../fixtures/workout-plans";
import { describeEachDatabase } from "../databases";
import { reloadConnection } from "../sync-driver";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { setUpWorkoutApi } from "../workout-api";

// Garmin Connect accounts linked by password, as a person links them (their own sign-in to the
// sandbox's Connect), take workouts through the same API as official Garmin connections: the push
// reaches the account's own Connect calendar through its source's destination.

const sandbox = setUpSandboxServer();
const CONNECT_API = "connectapi.garmin.com";

/** Reads what Connect holds, as the account itself would: paths on a region's API host, its Bearer token. */
const testClient = (accessToken: string, apiHost = CONNECT_API): ConnectClient => ({
  request: (path, init = {}) =>
    fetch(`${sandbox.url}/${apiHost}${path}`, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(init.json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    }),
});

type ConnectStep = Record<string, unknown> & { type: string; workoutSteps?: ConnectStep[] };
const KINDS: Record<string, WorkoutSingleStep["kind"]> = {
  warmup: "warmup",
  interval: "active",
  recovery: "recovery",
  cooldown: "cooldown",
  rest: "rest",
};
const key = (value: unknown, field: string) => (value as Record<string, string>)[field];

/** What Connect holds, read back into our terms. */
function planStepsOf(steps: ConnectStep[]): WorkoutStep[] {
  return steps.map((step): WorkoutStep => {
    if (step.type === "RepeatGroupDTO")
      return { kind: "repeat", count: step.numberOfIterations as number, steps: planStepsOf(step.workoutSteps!) };
    const [one, two] = [step.targetValueOne as number, step.targetValueTwo as number];
    const targets: Record<string, StepTarget> = {
      "no.target": { type: "none" },
      "pace.zone": { type: "pace", fastestSecondsPerKm: paceOfSpeed(two), slowestSecondsPerKm: paceOfSpeed(one) },
      "heart.rate.zone": { type: "heart_rate", minBpm: one, maxBpm: two },
      "power.zone": { type: "power", minWatts: one, maxWatts: two },
      "cadence.zone": { type: "cadence", minPerMinute: one, maxPerMinute: two },
    };
    const end = key(step.endCondition, "conditionTypeKey");
    const value = step.endConditionValue as number;
    return {
      kind: KINDS[key(step.stepType, "stepTypeKey")!]!,
      duration:
        end === "time"
          ? { type: "time", seconds: value }
          : end === "distance"
            ? { type: "distance", meters: value }
            : { type: "lap_button" },
      target: targets[key(step.targetType, "workoutTargetTypeKey")!]!,
      ...(step.description ? { note: step.description as string } : {}),
    };
  });
}

/** An open step and a lap-button one are the same thing at Garmin; read back, both are lap-button steps. */
const asGarminSees = (steps: WorkoutStep[]): WorkoutStep[] =>
  steps.map((step) =>
    step.kind === "repeat"
      ? { ...step, steps: asGarminSees(step.steps) }
      : step.duration.type === "open"
        ? { ...step, duration: { type: "lap_button" } }
        : step,
  );

/** Links a Garmin Connect account with its password, as the login API does; its first sync is not run. */
async function linkConnectAccount(
  db: Database,
  userId: string,
  username: string,
  region: "global" | "cn" = "global",
): Promise<ProviderConnection> {
  const outcome = await linkWithPassword(db, {
    userId,
    family: "garmin",
    input: { username, password: "correct horse battery staple 7f3a", region, autoSignIn: false },
  });
  if (outcome.kind !== "linked") throw new Error(`expected a link, got ${outcome.kind}`);
  await db.delete(syncJobs).where(eq(syncJobs.connectionId, outcome.connection.id));
  return outcome.connection;
}

const connectGet = async (db: Database, connection: ProviderConnection, path: string, apiHost = CONNECT_API) =>
  testClient(openTokens(await reloadConnection(db, connection.id)).accessToken, apiHost).request(path);

describeEachDatabase("workouts to Garmin Connect (password-linked accounts)", (database) => {
  const { call, person } = setUpWorkoutApi(database);

  it("round-trips: the same workout in Connect's library and an entry on the day, pushed with both ids", async () => {
    const me = await person();
    const connection = await linkConnectAccount(database.db, me.user.id, "ada");
    const { workout } = await (
      await call("/api/workouts", {
        method: "POST",
        headers: me.key,
        body: { ...INTERVAL_RUN, scheduledDate: "2027-01-05" },
      })
    ).json();
    const pushed = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect(pushed.status).toBe(200);
    const { push } = await pushed.json();
    expect(push).toMatchObject({ status: "pushed", scheduledDate: "2027-01-05" });

    const held = await (
      await connectGet(database.db, connection, `/workout-service/workout/${push.providerWorkoutId}`)
    ).json();
    expect(held).toMatchObject({ workoutName: INTERVAL_RUN.name, sportType: { sportTypeKey: "running" } });
    expect(planStepsOf(held.workoutSegments[0].workoutSteps)).toEqual(INTERVAL_RUN.steps);
    const entry = await (
      await connectGet(database.db, connection, `/workout-service/schedule/${push.scheduleId}`)
    ).json();
    expect(entry).toMatchObject({ calendarDate: "2027-01-05", workout: { workoutId: Number(push.providerWorkoutId) } });
  });

  it("rewrites the same Connect workout when the plan changes and moves its calendar entry", async () => {
    const me = await person();
    const connection = await linkConnectAccount(database.db, me.user.id, "kip");
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: OVER_UNDERS })
    ).json();
    const push = (date: string) =>
      call(`/api/workouts/${workout.id}/push`, {
        method: "POST",
        headers: me.key,
        body: { connectionId: connection.id, date },
      });
    const first = (await (await push("2027-01-06")).json()).push;
    await call(`/api/workouts/${workout.id}`, {
      method: "PATCH",
      headers: me.key,
      body: { name: "Over-unders, longer" },
    });
    const second = (await (await push("2027-01-08")).json()).push;
    expect(second).toMatchObject({
      status: "pushed",
      providerWorkoutId: first.providerWorkoutId,
      scheduledDate: "2027-01-08",
    });

    const store = connectWorkoutStore(sandbox.state);
    expect([...store.workouts.values()].map((held) => held.workout.workoutName)).toEqual(["Over-unders, longer"]);
    expect([...store.schedules.values()].map((entry) => entry.calendarDate)).toEqual(["2027-01-08"]);
    const held = [...store.workouts.values()][0]!.workout;
    expect(planStepsOf(held.workoutSegments[0]!.workoutSteps as ConnectStep[])).toEqual(
      asGarminSees(OVER_UNDERS.steps),
    );
  });

  it("renews a token Connect stopped taking, and says to sign in again once the account's grant is gone", async () => {
    const me = await person();
    const connection = await linkConnectAccount(database.db, me.user.id, "mo");
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: INTERVAL_RUN })
    ).json();
    const push = () =>
      call(`/api/workouts/${workout.id}/push`, {
        method: "POST",
        headers: me.key,
        body: { connectionId: connection.id, date: null },
      });

    // Connect forgets the access token early: the account's OAuth 1.0a token buys a new one.
    sandbox.state.accessTokens.delete(openTokens(connection).accessToken);
    const renewed = await push();
    expect(renewed.status).toBe(200);
    expect(openTokens(await reloadConnection(database.db, connection.id)).accessToken).not.toBe(
      openTokens(connection).accessToken,
    );
    expect(connectWorkoutStore(sandbox.state).workouts.size).toBe(1);

    // The person signed out everywhere: neither token works, and nothing more is written.
    await call(`/api/workouts/${workout.id}`, { method: "PATCH", headers: me.key, body: { name: "Changed" } });
    revokeConnectLogin(sandbox.state, "garmin.com", "mo");
    sandbox.state.accessTokens.delete(openTokens(await reloadConnection(database.db, connection.id)).accessToken);
    const refused = await push();
    expect(refused.status).toBe(502);
    expect((await refused.json()).error).toMatchObject({
      code: "PROVIDER_AUTH_EXPIRED",
      message: expect.stringMatching(/^Garmin Connect no longer accepts this connection; reconnect it\./),
    });
    expect([...connectWorkoutStore(sandbox.state).workouts.values()].map((held) => held.workout.workoutName)).toEqual([
      INTERVAL_RUN.name,
    ]);
    expect(await reloadConnection(database.db, connection.id)).toMatchObject({ status: "needs_reauth" });
  });

  it("lists a password-linked account as a destination and sends a China account's workout to garmin.cn only", async () => {
    const me = await person();
    const china = await linkConnectAccount(database.db, me.user.id, "lin", "cn");
    expect(await listWorkoutDestinations(database.db, { userId: me.user.id })).toEqual([
      // Labelled with the account's own name, as its card is.
      { connectionId: china.id, label: `Garmin Connect (China) (${china.label})`, needsReconnect: false },
    ]);
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: INTERVAL_RUN })
    ).json();
    const pushed = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: china.id, date: "2027-03-02" },
    });
    expect(pushed.status).toBe(200);
    const { push } = await pushed.json();
    const store = connectWorkoutStore(sandbox.state);
    expect(store.workouts.get(Number(push.providerWorkoutId))).toMatchObject({
      host: "connectapi.garmin.cn",
      login: "lin",
    });
    expect(store.schedules.get(Number(push.scheduleId))).toMatchObject({
      host: "connectapi.garmin.cn",
      calendarDate: "2027-03-02",
    });
    // The global host does not know China's workout.
    const global = await connectGet(database.db, china, `/workout-service/workout/${push.providerWorkoutId}`);
    expect(global.status).toBe(401);
    const held = await connectGet(
      database.db,
      china,
      `/workout-service/workout/${push.providerWorkoutId}`,
      "connectapi.garmin.cn",
    );
    expect(await held.json()).toMatchObject({ workoutName: INTERVAL_RUN.name });
  });

  it("sends nothing to an account whose syncing the person stopped, and says how to resume", async () => {
    const me = await person();
    const connection = await linkConnectAccount(database.db, me.user.id, "sol");
    await setSyncStopped(database.db, { userId: me.user.id, connectionId: connection.id, isStopped: true });
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: INTERVAL_RUN })
    ).json();
    const refused = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: connection.id },
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toContain("resume syncing on its card");
    expect(sandbox.state.countCalls({ path: "/workout-service/workout" })).toBe(0);
  });

  it("reaches Connect through the destination on its own (a connection's authorized fetch)", async () => {
    const accessToken = sandbox.state.issue("gc_at");
    sandbox.state.accessTokens.set(accessToken, {
      provider: "garmin_connect",
      account: "faith",
      scopes: [],
      expiresAt: null,
    });
    // What a connection hands a destination: real URLs, routed to the simulator, with its token.
    const calendar = connectWorkouts(CONNECT_API, { "user-agent": "GCM-Android-5.23" }).open({
      tokens: { accessToken, scopes: [] },
      fetch: (realUrl, init) => {
        const url = new URL(realUrl);
        return fetch(`${sandbox.url}/${url.host}${url.pathname}${url.search}`, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${accessToken}` },
        });
      },
    });
    const remote = await calendar.createWorkout(INTERVAL_RUN, randomUUID());
    const scheduleId = await calendar.scheduleWorkout(remote, "2027-02-01");
    expect(connectWorkoutStore(sandbox.state).schedules.get(Number(scheduleId))).toMatchObject({
      login: "faith",
      workoutId: Number(remote.workoutId),
      calendarDate: "2027-02-01",
    });
    await calendar.unscheduleWorkout(scheduleId);
    expect(connectWorkoutStore(sandbox.state).schedules.size).toBe(0);
  });
});
