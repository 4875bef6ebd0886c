import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { samples } from "@/lib/db/schema";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, setUpBackfillDays, syncNow } from "@tests/sync-driver";
import { SANDBOX_HEART_RATE_PAGE_FILL } from "@/sandbox/fitbit/sandbox-data";
import { heartRatePoints, sandboxHeartRate } from "@/sandbox/fitbit/sandbox-heart-rate";
import { fitbitSync } from "./sync";
import { HEART_RATE_BACKFILL_DAYS } from "./sync-heart-rate";
import { addDays } from "@/lib/dates";

const sandbox = setUpSandboxServer();

// The other streams are not what this file is about: a month of them keeps it quick.
setUpBackfillDays(fitbitSync, 30);

const HOST = "health.googleapis.com";
const HEART_RATE_PATH = "/v4/users/me/dataTypes/heart-rate/dataPoints";
const heartRateCalls = () => sandbox.state.countCalls({ provider: "fitbit", path: HEART_RATE_PATH });
const BACKFILL_MS = HEART_RATE_BACKFILL_DAYS * 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The watch's own samples a first sync started between `before` and `after` must store
 * (`certain`) and may store (`possible`): its window starts two weeks before whenever it began.
 */
function expectedSamples(login: string, before: number, after: number) {
  const own = (from: number, now: number) =>
    sandboxHeartRate(login, new Date(from), new Date(now), new Date(now)).filter(
      (sample) => sample.platform === "FITBIT",
    );
  return {
    certain: own(after - BACKFILL_MS, before),
    possible: new Map(own(before - BACKFILL_MS, after).map((sample) => [sample.at.getTime(), sample.bpm])),
  };
}

describeEachDatabase("Fitbit (Google Health) intraday heart rate", (database) => {
  const storedSamples = (userId: string) =>
    database.db
      .select()
      .from(samples)
      .where(and(eq(samples.userId, userId), eq(samples.metric, "heart_rate")))
      .orderBy(asc(samples.time));

  it("stores two weeks of the watch's own samples, following page tokens, and a second sync adds nothing", async () => {
    const login = `pulse-${Date.now()}`;
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", login);
    const before = Date.now();
    const job = await syncNow(database.db, connection);
    const after = Date.now();
    expect(job.status).toBe("succeeded");

    const stored = await storedSamples(user.id);
    const { certain, possible } = expectedSamples(login, before, after);
    expect(certain.length).toBeGreaterThan(HEART_RATE_BACKFILL_DAYS * 200);
    const byTime = new Map(stored.map((row) => [row.time.getTime(), row]));
    for (const sample of certain) expect(byTime.get(sample.at.getTime())?.value).toBe(sample.bpm);
    // Nothing else: no Health Connect copies of rides (chest strap, bpm + 1), nothing older.
    for (const row of stored) expect(possible.get(row.time.getTime())).toBe(row.value);
    expect(
      stored.every(
        (row) => row.provider === "fitbit" && row.sourceId === connection.externalUserId && row.unit === "bpm",
      ),
    ).toBe(true);
    expect(stored.some((row) => (row.meta as { motionContext?: string } | null)?.motionContext === "ACTIVE")).toBe(
      true,
    );
    // One window of two weeks, paged: as many requests as the listed points fill the sandbox's
    // pages (Health Connect copies included), not a part-filled last page per day.
    const firstRunCalls = heartRateCalls();
    const listed = sandboxHeartRate(login, stored[0]!.time, new Date(stored.at(-1)!.time.getTime() + 1)).length;
    expect(firstRunCalls).toBe(Math.ceil(listed / SANDBOX_HEART_RATE_PAGE_FILL));

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await storedSamples(user.id)).toHaveLength(stored.length);
    // Caught up: the next run reads the hour before the newest sample, one request.
    expect(heartRateCalls() - firstRunCalls).toBe(1);
    const cursor = JSON.parse((await reloadConnection(database.db, connection.id)).cursors["heart-rate"]!);
    expect(cursor.newest).toBe(stored.at(-1)!.time.toISOString());
  });

  it("resumes a backfill cut off mid-window at its page token, without duplicates", async () => {
    const login = `resumed-${Date.now()}`;
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", login);
    // The first heart-rate page commits; the second fails until the attempt gives up.
    sandbox.state.faults.push({
      host: HOST,
      pathIncludes: "/dataTypes/heart-rate/",
      kind: "server_error",
      times: 4,
      skip: 1,
    });
    const interrupted = await syncNow(database.db, connection);
    expect(interrupted.status).toBe("pending");
    expect(JSON.parse((await reloadConnection(database.db, connection.id)).cursors["heart-rate"]!)).toMatchObject({
      pageToken: expect.any(String),
    });
    // That page is the newest 200 points listed, less the Health Connect copies among them.
    const partial = (await storedSamples(user.id)).length;
    const newestPage = heartRatePoints(login, addDays(today(), -HEART_RATE_BACKFILL_DAYS - 1), addDays(today(), 1))
      .sort((a, b) => b.sortKey - a.sortKey)
      .slice(0, SANDBOX_HEART_RATE_PAGE_FILL);
    expect(partial).toBe(
      newestPage.filter((point) => (point.json.dataSource as { platform: string }).platform === "FITBIT").length,
    );
    expect(partial).toBeGreaterThan(0);

    const resumed = await syncNow(database.db, connection);
    expect(resumed).toMatchObject({ id: interrupted.id, status: "succeeded" });
    const stored = await storedSamples(user.id);
    expect(new Set(stored.map((row) => row.time.getTime())).size).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(HEART_RATE_BACKFILL_DAYS * 200);
  });
});
