import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { samples } from "@/lib/db/schema";
import { describeEachDatabase } from "@tests/databases";
import { setUpSandboxServer } from "@tests/sandbox-for-tests";
import { connectSandboxAccount, reloadConnection, setUpBackfillDays, syncNow } from "@tests/sync-driver";
import { sandboxHeartRate } from "@/sandbox/fitbit/sandbox-heart-rate";
import { fitbitSync } from "./sync";
import { HEART_RATE_BACKFILL_DAYS } from "./sync-heart-rate";

const sandbox = setUpSandboxServer();

// The other streams are not what this file is about: a month of them keeps it quick.
setUpBackfillDays(fitbitSync, 30);

const HOST = "health.googleapis.com";
const HEART_RATE_PATH = "/v4/users/me/dataTypes/heart-rate/dataPoints";
const heartRateCalls = () => sandbox.state.countCalls({ provider: "fitbit", path: HEART_RATE_PATH });
const BACKFILL_MS = HEART_RATE_BACKFILL_DAYS * 86_400_000;

/**
 * The watch's own samples a first sync started between `before` and `after` must store
 * (`certain`) and may store (`possible`): its window starts two weeks before whenever it began.
 */
function expectedSamples(login: string, before: number, after: number) {
  const own = (from: number, now: number) => sandboxHeartRate(login, new Date(from), new Date(now), new Date(now)).filter((sample) => sample.platform === "FITBIT");
  return { certain: own(after - BACKFILL_MS, before), possible: new Map(own(before - BACKFILL_MS, after).map((sample) => [sample.at.getTime(), sample.bpm])) };
}

describeEachDatabase("Fitbit (Google Health) intraday heart rate", (database) => {
  const storedSamples = (userId: string) => database.db.select().from(samples).where(and(eq(samples.userId, userId), eq(samples.metric, "heart_rate"))).orderBy(asc(samples.time));

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
    expect(stored.every((row) => row.provider === "fitbit" && row.sourceId === connection.externalUserId && row.unit === "bpm")).toBe(true);
    expect(stored.some((row) => (row.meta as { motionContext?: string } | null)?.motionContext === "ACTIVE")).toBe(true);
    // Fourteen day windows, each more than one page of the sandbox's 200.
    const firstRunCalls = heartRateCalls();
    expect(firstRunCalls).toBeGreaterThan(HEART_RATE_BACKFILL_DAYS + 1);
    expect(firstRunCalls).toBeGreaterThanOrEqual(Math.ceil(stored.length / 200));

    const again = await syncNow(database.db, connection);
    expect(again).toMatchObject({ status: "succeeded", inserted: 0, updated: 0 });
    expect(await storedSamples(user.id)).toHaveLength(stored.length);
    // Caught up: the next run reads the hour before the newest sample, one request.
    expect(heartRateCalls() - firstRunCalls).toBe(1);
    const cursor = JSON.parse((await reloadConnection(database.db, connection.id)).cursors["heart-rate"]!);
    expect(cursor.newest).toBe(stored.at(-1)!.time.toISOString());
  });

  it("resumes a backfill cut off mid-day at its page token, without duplicates", async () => {
    const login = `resumed-${Date.now()}`;
    const { user, connection } = await connectSandboxAccount(database.db, "fitbit", login);
    // The first heart-rate page commits; the second fails until the attempt gives up.
    sandbox.state.faults.push({ host: HOST, pathIncludes: "/dataTypes/heart-rate/", kind: "server_error", times: 4, skip: 1 });
    const interrupted = await syncNow(database.db, connection);
    expect(interrupted.status).toBe("pending");
    expect(JSON.parse((await reloadConnection(database.db, connection.id)).cursors["heart-rate"]!)).toMatchObject({ pageToken: expect.any(String) });
    const partial = (await storedSamples(user.id)).length;
    expect(partial).toBe(200);

    const resumed = await syncNow(database.db, connection);
    expect(resumed).toMatchObject({ id: interrupted.id, status: "succeeded" });
    const stored = await storedSamples(user.id);
    expect(new Set(stored.map((row) => row.time.getTime())).size).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(HEART_RATE_BACKFILL_DAYS * 200);
  });
});
