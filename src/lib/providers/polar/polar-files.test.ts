import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, originalFileFetches } from "@/lib/db/schema";
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

  it("waits out Polar's rate limit on a file as on any request, then stores every file", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", "athlete");
    const workouts = polarExerciseWorkouts("athlete");
    // Longer than a worker waits in place: the job is put back for the window's end and resumes.
    sandbox.state.faults.push({
      host: "www.polaraccesslink.com",
      pathIncludes: "/fit",
      kind: "rate_limit",
      times: 1,
      skip: 2,
      retryAfterSeconds: 120,
    });
    const deferred: string[] = [];
    const job = await syncNow(database.db, connection, {
      fileStore: files.store,
      onWaiting: (waiting) => deferred.push(waiting.status),
    });
    expect(job).toMatchObject({ status: "succeeded" });
    expect(deferred).toEqual(["waiting"]);
    expect(await keptFilesOf(database.db, user.id)).toHaveLength(workouts.length);
  });

  it("refuses a file past the size limit, naming the limit, and keeps the exercises", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", "athlete");
    const workouts = polarExerciseWorkouts("athlete");
    const job = await syncNow(database.db, connection, { fileStore: files.store, maxFileBytes: 100 });
    expect(job).toMatchObject({ status: "succeeded" });
    expect(await activitiesOf(user.id)).toHaveLength(workouts.length);
    const refused = await fileFetchesOf(database.db, connection.id);
    expect(refused).toHaveLength(workouts.length);
    expect(refused.every((fetch) => fetch.state === "unavailable")).toBe(true);
    expect(refused[0]!.message).toBe("The file is larger than the 100 bytes limit.");
    expect(await keptFilesOf(database.db, user.id)).toEqual([]);
  });

  it("fetches nothing for a file already in the index, even when its tracking row is gone", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "polar", "athlete");
    await sync(connection);
    const kept = await keptFilesOf(database.db, user.id);
    await database.db.delete(originalFileFetches).where(eq(originalFileFetches.connectionId, connection.id));
    const asked = fitCalls();
    expect(await sync(connection)).toMatchObject({ status: "succeeded" });
    expect(fitCalls()).toBe(asked);
    const fetches = await fileFetchesOf(database.db, connection.id);
    expect(fetches).toHaveLength(kept.length);
    expect(new Set(fetches.map((fetch) => fetch.fileId))).toEqual(new Set(kept.map((file) => file.id)));
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
