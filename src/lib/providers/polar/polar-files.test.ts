import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities } from "@/lib/db/schema";
import { polarExerciseWorkouts } from "@/sandbox/polar/sandbox-data";
import { describeEachDatabase } from "@tests/databases";
import { decodeFit, fileFetchesOf, keptFilesOf, readKeptFile, setUpFileStore } from "@tests/original-files";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, syncNow } from "@tests/sync-driver";

// Polar's exercises come with their FIT (GET /v3/exercises/{id}/fit), fetched after the list
// is written, over real HTTP against the sandbox.

const sandbox = setUpSandboxServer();
const files = setUpFileStore();

const fitCalls = () =>
  sandbox.state.countCalls({ provider: "polar", method: "GET", path: "/v3/exercises/{exerciseId}/fit" });

describeEachDatabase("Polar exercise files", (database) => {
  const sync = (connection: { id: string; userId: string }) =>
    syncNow(database.db, connection, { fileStore: files.store });
  const activitiesOf = (userId: string) => database.db.select().from(activities).where(eq(activities.userId, userId));

  it("stores each listed exercise's FIT, tied to its activity, and asks for none of them again", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", "athlete");
    const workouts = polarExerciseWorkouts("athlete");
    expect(workouts.length).toBeGreaterThan(5);
    expect(await sync(connection)).toMatchObject({ status: "succeeded" });

    const rows = await activitiesOf(user.id);
    const kept = await keptFilesOf(database.db, user.id);
    expect(fitCalls()).toBe(workouts.length);
    expect(kept).toHaveLength(workouts.length);
    expect(new Set(kept.map((file) => file.activityId))).toEqual(new Set(rows.map((row) => row.id)));
    for (const file of kept) expect(file).toMatchObject({ origin: "provider", source: "polar", format: "fit" });

    // Each file is its own workout's: same start, duration, distance and sport.
    for (const workout of workouts.slice(-3)) {
      const row = rows.find((candidate) => candidate.externalId === workout.id.toString(36).toUpperCase())!;
      const file = kept.find((candidate) => candidate.activityId === row.id)!;
      const fit = decodeFit(await readKeptFile(files.store, file));
      expect(fit).toMatchObject({ isIntact: true, errors: [] });
      expect(fit.session?.startTime).toEqual(workout.startAt);
      expect(fit.session?.totalElapsedTime).toBe(workout.durationS);
      expect(fit.session?.totalDistance ?? 0).toBeCloseTo(workout.distanceM, 1);
      expect(fit.records.length).toBeGreaterThan(10);
    }

    expect(await sync(connection)).toMatchObject({ status: "succeeded", inserted: 0 });
    expect(fitCalls()).toBe(workouts.length);
    expect(await keptFilesOf(database.db, user.id)).toHaveLength(workouts.length);
  });

  it("keeps the exercises when Polar fails the files, and fetches them on the next sync", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", "athlete");
    const workouts = polarExerciseWorkouts("athlete");
    // The first file fails every try (one answer, three retries); the sync leaves the rest for later.
    sandbox.state.faults.push({
      host: "www.polaraccesslink.com",
      pathIncludes: "/fit",
      kind: "server_error",
      times: 4,
    });
    expect(await sync(connection)).toMatchObject({ status: "succeeded" });
    expect(await activitiesOf(user.id)).toHaveLength(workouts.length);
    expect(await keptFilesOf(database.db, user.id)).toEqual([]);
    const due = await fileFetchesOf(database.db, connection.id);
    expect(due).toHaveLength(workouts.length);
    expect(due.every((fetch) => fetch.state === "pending")).toBe(true);
    expect(due.filter((fetch) => fetch.attempts === 1)).toHaveLength(1);

    expect(await sync(connection)).toMatchObject({ status: "succeeded" });
    expect(await keptFilesOf(database.db, user.id)).toHaveLength(workouts.length);
    expect((await fileFetchesOf(database.db, connection.id)).every((fetch) => fetch.state === "stored")).toBe(true);
  });

  it("says so when Polar no longer has an exercise's file (404), and does not ask again", async () => {
    const { connection } = await connectSandboxAccount(database.db, "polar", "athlete");
    sandbox.state.faults.push({
      host: "www.polaraccesslink.com",
      pathIncludes: "/fit",
      kind: "http_error",
      status: 404,
      times: 1,
      body: { status: 404, error: "NOT_FOUND", message: "Exercise not found." },
    });
    await sync(connection);
    const gone = (await fileFetchesOf(database.db, connection.id)).filter((fetch) => fetch.state !== "stored");
    expect(gone).toMatchObject([{ state: "unavailable", message: expect.stringContaining("HTTP 404") }]);
    const asked = fitCalls();
    await sync(connection);
    expect(fitCalls()).toBe(asked);
  });
});
