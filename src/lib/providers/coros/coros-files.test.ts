import { eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { activities } from "@/lib/db/schema";
import { corosFitUrl, corosLabelId } from "@/sandbox/coros/sandbox-files";
import { accountUtcOffset, syntheticWorkouts } from "@/sandbox/synthetic";
import { describeEachDatabase } from "@tests/databases";
import { decodeFit, fileFetchesOf, keptFilesOf, readKeptFile, setUpFileStore } from "@tests/original-files";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, syncNow } from "@tests/sync-driver";
import { DAY_MS } from "@/lib/dates";
import { corosWorkoutFiles } from "./files";

// COROS's workout records carry their FIT as a plain fitUrl on COROS's file host: fetched with
// no token, only from COROS's hosts, over real HTTP against the sandbox.

const sandbox = setUpSandboxServer();
const files = setUpFileStore();

const fileCalls = () => sandbox.state.countCalls({ provider: "coros", path: "/fit" });

/** The workouts a first sync lists: 88 days back to tomorrow, in the wearer's dates. */
function listedWorkouts(account: string) {
  const offsetMs = accountUtcOffset("coros", account) * 1000;
  const from = Date.parse(new Date(Date.now() - 88 * DAY_MS).toISOString().slice(0, 10)) - offsetMs;
  const to = Date.parse(new Date(Date.now() + DAY_MS).toISOString().slice(0, 10)) + DAY_MS - offsetMs;
  return syntheticWorkouts("coros", account, new Date(from), new Date(to));
}

it("names a triathlon's legs' FITs beside its own, each under its own key", () => {
  const references = corosWorkoutFiles([
    {
      labelId: "77",
      mode: 13,
      startTime: 1,
      fitUrl: "https://oss.coros.com/fit/a/77.fit",
      triathlonItemList: [
        { fitUrl: "https://oss.coros.com/fit/a/1.fit" },
        { fitUrl: null },
        { fitUrl: "https://oss.coros.com/fit/a/3.fit" },
      ],
    },
  ]);
  expect(references).toEqual([
    { activityExternalId: "77", format: "fit", url: "https://oss.coros.com/fit/a/77.fit" },
    { activityExternalId: "77", key: "leg-1", format: "fit", url: "https://oss.coros.com/fit/a/1.fit" },
    { activityExternalId: "77", key: "leg-3", format: "fit", url: "https://oss.coros.com/fit/a/3.fit" },
  ]);
});

describeEachDatabase("COROS workout files", (database) => {
  const sync = (connection: { id: string; userId: string }) =>
    syncNow(database.db, connection, { fileStore: files.store });
  const activitiesOf = (userId: string) => database.db.select().from(activities).where(eq(activities.userId, userId));

  it("stores each workout's FIT from its fitUrl without a token, tied to the workout, and asks none again", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    const workouts = listedWorkouts("athlete");
    const asked = fileCalls();
    expect(await sync(connection)).toMatchObject({ status: "succeeded" });
    // The sandbox's file host answers 400 to a request that carries a token.
    expect(fileCalls() - asked).toBe(workouts.length);
    const rows = await activitiesOf(user.id);
    const kept = await keptFilesOf(database.db, user.id);
    expect(kept).toHaveLength(workouts.length);
    expect(new Set(kept.map((file) => file.activityId))).toEqual(new Set(rows.map((row) => row.id)));

    const ride = workouts.findLast((workout) => workout.sport === "ride")!;
    const row = rows.find((candidate) => candidate.externalId === corosLabelId(ride))!;
    const fit = decodeFit(
      await readKeptFile(
        files.store,
        kept.find((file) => file.activityId === row.id)!,
      ),
    );
    expect(fit).toMatchObject({ isIntact: true, errors: [] });
    expect(fit.session).toMatchObject({ sport: "cycling", startTime: ride.startAt, totalElapsedTime: ride.durationS });
    expect(fit.session?.totalDistance).toBeCloseTo(ride.distanceM, 1);

    await sync(connection);
    expect(fileCalls() - asked).toBe(workouts.length);
  });

  it("fetches a triathlon's legs and ties them all to the triathlon", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    const [swim, ride] = listedWorkouts("athlete").slice(-2);
    const triathlon = {
      labelId: "409999999999999999",
      mode: 13,
      subMode: 1,
      startTime: Math.floor(swim!.startAt.getTime() / 1000),
      duration: 7200,
      distance: 40_000,
      triathlonItemList: [swim!, ride!].map((leg) => ({ mode: 8, fitUrl: corosFitUrl("athlete", corosLabelId(leg)) })),
    };
    sandbox.state.faults.push({
      host: "open.coros.com",
      pathIncludes: "/v2/coros/sport/list",
      kind: "malformed",
      times: 1,
      body: { result: "0000", message: "OK", data: [triathlon] },
    });
    await sync(connection);
    const row = (await activitiesOf(user.id)).find((candidate) => candidate.externalId === triathlon.labelId)!;
    const legs = (await keptFilesOf(database.db, user.id)).filter((file) => file.activityId === row.id);
    expect(legs.map((file) => file.fileName).sort()).toEqual([
      `coros-${triathlon.labelId}-leg-1.fit`,
      `coros-${triathlon.labelId}-leg-2.fit`,
    ]);
  });

  it("never fetches a fitUrl on another host, and says why the file is missing", async () => {
    const { user, connection } = await connectSandboxAccount(database.db, "coros", "athlete");
    const workout = {
      labelId: "408888888888888888",
      mode: 8,
      subMode: 1,
      startTime: Math.floor(Date.now() / 1000) - 80 * 86_400,
    };
    sandbox.state.faults.push({
      host: "open.coros.com",
      pathIncludes: "/v2/coros/sport/list",
      kind: "malformed",
      times: 1,
      body: { result: "0000", message: "OK", data: [{ ...workout, fitUrl: "https://evil.example/fit/x.fit" }] },
    });
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      expect(await sync(connection)).toMatchObject({ status: "succeeded" });
      const urls = fetchSpy.mock.calls.map(([input]) => String(input instanceof Request ? input.url : input));
      expect(urls.filter((url) => url.includes("evil.example"))).toEqual([]);
    } finally {
      fetchSpy.mockRestore();
    }
    expect(await fileFetchesOf(database.db, connection.id, workout.labelId)).toMatchObject([
      { state: "unavailable", message: expect.stringContaining("not one of COROS's") },
    ]);
    expect((await keptFilesOf(database.db, user.id)).some((file) => file.fileName?.includes(workout.labelId))).toBe(
      false,
    );
  });
});
