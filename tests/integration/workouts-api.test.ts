import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createApiKey } from "@/lib/db/queries/api-keys";
import { providerConnections } from "@/lib/db/schema";
import { INTERVAL_RUN, OVER_UNDERS } from "../fixtures/workout-plans";
import { describeEachDatabase } from "../databases";
import { setUpWorkoutApi } from "../workout-api";

describeEachDatabase("the workouts API", (database) => {
  const { call, person } = setUpWorkoutApi(database);

  it("creates, lists, reads, changes and deletes a plan, by API key and by session", async () => {
    const me = await person();
    const created = await call("/api/workouts", {
      method: "POST",
      headers: me.key,
      body: { ...INTERVAL_RUN, scheduledDate: "2026-12-24" },
    });
    expect(created.status).toBe(201);
    const { workout } = await created.json();
    expect(workout).toMatchObject({ name: "5 × 1 km", sport: "running", scheduledDate: "2026-12-24", pushes: [] });
    expect(workout.steps).toEqual(INTERVAL_RUN.steps);

    const listed = await (await call("/api/workouts", { headers: me.session })).json();
    expect(listed.workouts.map((item: { id: string }) => item.id)).toEqual([workout.id]);

    const changed = await call(`/api/workouts/${workout.id}`, {
      method: "PATCH",
      headers: me.session,
      body: { name: "5 × 1 km (hills)", scheduledDate: null },
    });
    expect(changed.status).toBe(200);
    // Fields the patch does not name stay as they were.
    expect((await changed.json()).workout).toMatchObject({
      name: "5 × 1 km (hills)",
      scheduledDate: null,
      description: "Threshold kilometres",
      steps: INTERVAL_RUN.steps,
    });
    expect((await (await call(`/api/workouts/${workout.id}`, { headers: me.key })).json()).workout.name).toBe(
      "5 × 1 km (hills)",
    );

    expect((await call(`/api/workouts/${workout.id}`, { method: "DELETE", headers: me.key })).status).toBe(204);
    expect((await call(`/api/workouts/${workout.id}`, { headers: me.key })).status).toBe(404);
  });

  it("names the field of every refusal", async () => {
    const me = await person();
    const crossed = structuredClone(INTERVAL_RUN) as unknown as { steps: { steps: { target: object }[] }[] };
    crossed.steps[1]!.steps[1]!.target = { type: "heart_rate", minBpm: 150, maxBpm: 140 };
    const refused = await call("/api/workouts", { method: "POST", headers: me.key, body: crossed });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.issues).toEqual([
      { field: "steps.1.steps.1.target.maxBpm", message: "must be at least minBpm" },
    ]);

    const notJson = await call("/api/workouts", { method: "POST", headers: me.key, body: "{name:" });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/not JSON/);

    // A ride with power targets cannot become a swim: the steps that no longer fit are named.
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: OVER_UNDERS })
    ).json();
    const toSwim = await call(`/api/workouts/${workout.id}`, {
      method: "PATCH",
      headers: me.key,
      body: { sport: "swimming" },
    });
    expect(toSwim.status).toBe(400);
    expect((await toSwim.json()).error.issues.map((issue: { field: string }) => issue.field)).toEqual([
      "steps.0.target.type",
      "steps.1.steps.0.steps.0.target.type",
      "steps.1.steps.0.steps.1.target.type",
    ]);

    const badPush = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: "my garmin", date: "tomorrow" },
    });
    expect((await badPush.json()).error.issues.map((issue: { field: string }) => issue.field)).toEqual([
      "connectionId",
      "date",
    ]);
    const badId = await call("/api/workouts/42", { headers: me.key });
    expect((await badId.json()).error.issues).toEqual([{ field: "id", message: "must be a workout id (UUID)" }]);
  });

  it("lets no one in without a session or a valid key, and judges a key alone", async () => {
    const me = await person();
    expect((await call("/api/workouts")).status).toBe(401);
    const badKey = await call("/api/workouts", { headers: { "x-api-key": "qt_nope", ...me.session } });
    expect(badKey.status).toBe(401);
    expect((await badKey.json()).error.message).toMatch(/X-API-Key is not valid/);
  });

  it("lets a read key list plans but not change them (write), and a phone's ingest key do neither", async () => {
    const me = await person();
    const { key: readKey } = await createApiKey(database.db, { userId: me.user.id, name: "reader", scopes: ["read"] });
    expect((await call("/api/workouts", { headers: { "x-api-key": readKey } })).status).toBe(200);
    const create = await call("/api/workouts", {
      method: "POST",
      headers: { "x-api-key": readKey },
      body: INTERVAL_RUN,
    });
    expect(create.status).toBe(403);
    expect((await create.json()).error.details.missingScope).toBe("write");
    const { key: phoneKey } = await createApiKey(database.db, {
      userId: me.user.id,
      name: "phone",
      scopes: ["ingest"],
    });
    expect((await call("/api/workouts", { headers: { "x-api-key": phoneKey } })).status).toBe(403);
  });

  it("keeps each person's workouts to themselves", async () => {
    const owner = await person();
    const other = await person();
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: owner.key, body: INTERVAL_RUN })
    ).json();
    const [otherConnection] = await database.db
      .insert(providerConnections)
      .values({ userId: other.user.id, provider: "garmin", externalUserId: randomUUID(), authKind: "oauth2" })
      .returning();

    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { name: "mine now" }],
      ["DELETE", undefined],
    ] as const) {
      const response = await call(`/api/workouts/${workout.id}`, { method, headers: other.key, body });
      expect(response.status, method).toBe(404);
      expect((await response.json()).error).toEqual({ code: "NOT_FOUND", message: "No such workout." });
    }
    const push = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: other.key,
      body: { connectionId: otherConnection!.id },
    });
    expect(push.status).toBe(404);
    expect((await (await call("/api/workouts", { headers: other.key })).json()).workouts).toEqual([]);

    // Nor can the owner send it to someone else's connection.
    const toTheirs = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: owner.key,
      body: { connectionId: otherConnection!.id },
    });
    expect(toTheirs.status).toBe(404);
    expect((await toTheirs.json()).error.message).toBe("No such connection.");
    expect((await (await call(`/api/workouts/${workout.id}`, { headers: owner.key })).json()).workout.name).toBe(
      "5 × 1 km",
    );
  });

  it("tells a connection that takes no workouts from one that does", async () => {
    const me = await person();
    const [strava] = await database.db
      .insert(providerConnections)
      .values({ userId: me.user.id, provider: "strava", externalUserId: randomUUID(), authKind: "oauth2" })
      .returning();
    const { workout } = await (
      await call("/api/workouts", { method: "POST", headers: me.key, body: INTERVAL_RUN })
    ).json();
    const push = await call(`/api/workouts/${workout.id}/push`, {
      method: "POST",
      headers: me.key,
      body: { connectionId: strava!.id },
    });
    expect(push.status).toBe(400);
    expect((await push.json()).error.message).toBe("Strava does not take workouts; choose a Garmin connection.");
    const { workout: after } = await (await call(`/api/workouts/${workout.id}`, { headers: me.key })).json();
    expect(after.pushes).toMatchObject([{ connectionId: strava!.id, provider: "strava", status: "failed" }]);
  });
});
