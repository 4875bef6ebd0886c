import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { bodyMeasurements, dailySummaries, ingestReceipts, samples } from "@/lib/db/schema";
import { errorResponse } from "@/lib/http/error-response";
import { ingestBody, type IngestOptions } from "@/lib/ingest/ingest";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const HEART_RATE_POINT = { date: "2026-03-02 07:00:00 +0100", Min: 58, Avg: 61.25, Max: 66, source: "Watch" };
const metric = (name: string, units: string, data: unknown[]) => ({ name, units, data });
const hae = (...metrics: unknown[]) => ({ data: { metrics } });
const midnight = (day: number) => `2026-03-0${day} 00:00:00 +0100`;

describeEachDatabase("ingest validation", (database) => {
  const send = (userId: string, body: unknown, options?: IngestOptions) =>
    ingestBody(database.db, {
      userId,
      apiKeyId: null,
      contentType: "application/json",
      body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
      options,
    });
  const stored = async (userId: string, name: string) =>
    (
      await database.db
        .select({ value: samples.value })
        .from(samples)
        .where(and(eq(samples.userId, userId), eq(samples.metric, name)))
        .orderBy(asc(samples.time))
    ).map((row) => row.value);
  /** What the phone would get back for a failed ingest. */
  const statusOf = async (promise: Promise<unknown>) =>
    promise.then(
      () => 200,
      (error: unknown) => errorResponse(error).status,
    );

  afterEach(() => vi.restoreAllMocks());

  it("rejects steps Postgres cannot hold (3e9, 1e300) with their paths and stores the heart rate beside them", async () => {
    const user = await createTestUser(database.db);
    const body = hae(
      metric("step_count", "count", [
        { date: midnight(1), qty: 3_000_000_000, source: "iPhone" },
        { date: midnight(2), qty: 1e300, source: "iPhone" },
        { date: midnight(3), qty: 8_000, source: "iPhone" },
      ]),
      metric("heart_rate", "count/min", [HEART_RATE_POINT]),
    );
    // Day aggregation puts the steps into daily_summaries.steps, an integer column.
    const outcome = await send(user.id, body, { aggregation: "days" });
    expect(outcome.rejected.map((item) => item.path)).toEqual(["data.metrics[0].data[0]", "data.metrics[0].data[1]"]);
    expect(outcome.rejected[0]!.reason).toMatch(/step_count 3000000000 count is outside the plausible range/);
    expect(await stored(user.id, "heart_rate")).toEqual([61.25]);
    expect(await stored(user.id, "step_count")).toEqual([8_000]);
    const days = await database.db
      .select({ steps: dailySummaries.steps })
      .from(dailySummaries)
      .where(eq(dailySummaries.userId, user.id));
    expect(days).toEqual([{ steps: 8_000 }]);
  });

  it("rejects a negative heart rate and step count and an impossible weight, and stores the valid points", async () => {
    const user = await createTestUser(database.db);
    const body = hae(
      metric("heart_rate", "count/min", [
        { ...HEART_RATE_POINT, Avg: -5 },
        { ...HEART_RATE_POINT, date: "2026-03-02 07:01:00 +0100" },
      ]),
      metric("step_count", "count", [
        { date: "2026-03-02 07:00:00 +0100", qty: -1000 },
        { date: "2026-03-02 07:01:00 +0100", qty: 40 },
      ]),
      metric("weight_body_mass", "kg", [
        { date: "2026-03-02 07:00:00 +0100", qty: -70 },
        { date: "2026-03-03 07:00:00 +0100", qty: 1e30 },
        { date: "2026-03-04 07:00:00 +0100", qty: 71.5 },
      ]),
    );
    const outcome = await send(user.id, body);
    expect(outcome.rejected.map((item) => item.path)).toEqual([
      "data.metrics[0].data[0]",
      "data.metrics[1].data[0]",
      "data.metrics[2].data[0]",
      "data.metrics[2].data[1]",
    ]);
    expect(await stored(user.id, "heart_rate")).toEqual([61.25]);
    expect(await stored(user.id, "step_count")).toEqual([40]);
    expect(await stored(user.id, "weight_body_mass")).toEqual([71.5]);
    const weights = await database.db
      .select({ weightKg: bodyMeasurements.weightKg })
      .from(bodyMeasurements)
      .where(eq(bodyMeasurements.userId, user.id));
    expect(weights).toEqual([{ weightKg: 71.5 }]);

    // A re-post of the same export rejects the same points and changes nothing.
    const again = await send(user.id, body);
    expect(again.rejected).toEqual(outcome.rejected);
    expect(again.counts.samples).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await stored(user.id, "weight_body_mass")).toEqual([71.5]);
  });

  it("rejects the year 0000 (it used to become 1900) and a date after tomorrow", async () => {
    const user = await createTestUser(database.db);
    const nextYear = new Date().getUTCFullYear() + 1;
    const body = hae(
      metric("heart_rate", "count/min", [
        { ...HEART_RATE_POINT, date: "0000-06-01 08:00:00 +0000" },
        { ...HEART_RATE_POINT, date: `${nextYear}-06-01 08:00:00 +0000` },
        HEART_RATE_POINT,
      ]),
    );
    const outcome = await send(user.id, body);
    expect(outcome.rejected).toEqual([
      { path: "data.metrics[0].data[0]", reason: "date 0000-06-01T08:00:00.000Z is before 1970" },
      { path: "data.metrics[0].data[1]", reason: `date ${nextYear}-06-01T08:00:00.000Z is after tomorrow` },
    ]);
    expect(await stored(user.id, "heart_rate")).toEqual([61.25]);
  });

  it("answers 400 naming the point when a point nests 100,000 levels deep, and stores nothing", async () => {
    const user = await createTestUser(database.db);
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const text = `{"data":{"metrics":[{"name":"heart_rate","units":"count/min","data":[${JSON.stringify(HEART_RATE_POINT)},{"date":"2026-03-02 07:01:00 +0100","Avg":60,"extra":${deep}}]}]}}`;
    const failure = send(user.id, text);
    await expect(failure).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("data.metrics[0].data[1]"),
    });
    expect(await statusOf(failure)).toBe(400);
    expect(await stored(user.id, "heart_rate")).toEqual([]);
  });

  it("rejects implausible Health Connect rows with their paths and stores the rest", async () => {
    const user = await createTestUser(database.db);
    const body = {
      timestamp: "2026-03-02T08:00:00Z",
      heart_rate: [
        { time: "2026-03-02T07:00:00Z", bpm: -5 },
        { time: "0000-06-01T07:00:00Z", bpm: 60 },
        { time: "2026-03-02T07:01:00Z", bpm: 61.25 },
      ],
      weight: [
        { time: "2026-03-02T07:00:00Z", kilograms: 1e30 },
        { time: "2026-03-03T07:00:00Z", kilograms: 71.5 },
      ],
    };
    const outcome = await send(user.id, body);
    expect(outcome.format).toBe("health-connect");
    expect(outcome.rejected.map((item) => item.path)).toEqual(["heart_rate[0]", "heart_rate[1]", "weight[0]"]);
    expect(await stored(user.id, "heart_rate")).toEqual([61.25]);
    const weights = await database.db
      .select({ weightKg: bodyMeasurements.weightKg })
      .from(bodyMeasurements)
      .where(eq(bodyMeasurements.userId, user.id));
    expect(weights).toEqual([{ weightKg: 71.5 }]);
  });

  it("logs and keeps a database failure without the statement's parameters", async () => {
    const user = await createTestUser(database.db);
    // A real refusal from the database, for this user's rows only.
    const constraint = sql.raw(`refuse_${user.id.replace(/-/g, "_")}`);
    await database.db.execute(
      sql`alter table samples add constraint ${constraint} check (user_id <> ${sql.raw(`'${user.id}'`)}) not valid`,
    );
    try {
      const logged: string[] = [];
      vi.spyOn(console, "error").mockImplementation(
        (...args: unknown[]) =>
          void logged.push(
            args.map((arg) => (arg instanceof Error ? `${arg.stack} ${JSON.stringify(arg)}` : String(arg))).join(" "),
          ),
      );
      const failure = send(
        user.id,
        hae(metric("heart_rate", "count/min", [{ ...HEART_RATE_POINT, source: "Ana's secret watch" }])),
      );
      expect(await statusOf(failure)).toBe(500);
      const line = logged.join("\n");
      expect(line).toMatch(/23514/);
      for (const value of ["61.25", "secret watch", user.id]) expect(line).not.toContain(value);
      const [receipt] = await database.db.select().from(ingestReceipts).where(eq(ingestReceipts.userId, user.id));
      expect(receipt!.status).toBe("failed");
      for (const value of ["61.25", "secret watch"]) expect(receipt!.error).not.toContain(value);
    } finally {
      await database.db.execute(sql`alter table samples drop constraint ${constraint}`);
    }
  });
});
