import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { loadWeightSection } from "@/app/dashboard/health/weight/load-weight-section";
import { linkWithPassword } from "@/lib/connections/credential-link";
import { openTokens } from "@/lib/connections/credentials";
import type { Database } from "@/lib/db";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { bodyMeasurements, syncJobs, type ProviderConnection } from "@/lib/db/schema";
import { hasErrorCode } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import type { BodyRecord } from "@/lib/sync/records";
import { compareWeights } from "@/lib/weight/compare-weights";
import { forwardMissingWeights } from "@/lib/weight/forward";
import { connectWeighIns } from "@/sandbox/garmin-connect/sandbox-weight";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";
import { setUpSandboxServer } from "../sandbox-for-tests";
import { reloadConnection } from "../sync-driver";

// Fitbit's weigh-ins forwarded to a Garmin Connect account linked by password: the days Connect
// lacks go to its weight service (the sandbox's), each once.

const sandbox = setUpSandboxServer();
const TIME_ZONE = "Europe/Berlin";
const RANGE = { sourceA: "fitbit", sourceB: "garmin_connect", start_date: "2026-05-01", end_date: "2026-05-31" };
const POSTS = { path: "/weight-service/user-weight", method: "POST" } as const;

const weighIn = (at: string, weightKg: number): BodyRecord => ({
  externalId: `fb-${at}`,
  measuredAt: new Date(at),
  weightKg,
  bodyFatPercent: null,
});

async function linkConnect(db: Database, userId: string, username: string): Promise<ProviderConnection> {
  const outcome = await linkWithPassword(db, {
    userId,
    family: "garmin",
    input: { username, password: "correct horse battery staple 7f3a", region: "global", autoSignIn: false },
  });
  if (outcome.kind !== "linked") throw new Error(`expected a link, got ${outcome.kind}`);
  await db.delete(syncJobs).where(eq(syncJobs.connectionId, outcome.connection.id));
  return outcome.connection;
}

/** Five Fitbit mornings at 07:10 Berlin time; Garmin Connect (as last synced) has the 2nd and the 4th. */
async function seedScales(db: Database, userId: string, connection: ProviderConnection) {
  await upsertRecordBatch(
    db,
    { userId, connectionId: null, provider: "fitbit", sourceId: "fb-1" },
    {
      bodyMeasurements: [
        weighIn("2026-05-01T05:10:00Z", 80),
        weighIn("2026-05-02T05:10:00Z", 80.2),
        weighIn("2026-05-03T05:10:00Z", 79.9),
        weighIn("2026-05-04T05:10:00Z", 80.1),
        weighIn("2026-05-05T05:10:00Z", 80.3),
      ],
    },
  );
  await upsertRecordBatch(
    db,
    { userId, connectionId: connection.id, provider: "garmin_connect", sourceId: connection.externalUserId },
    {
      bodyMeasurements: [
        { externalId: "gc-2", measuredAt: new Date("2026-05-02T05:30:00Z"), weightKg: 80.25, bodyFatPercent: null },
        { externalId: "gc-4", measuredAt: new Date("2026-05-04T05:30:00Z"), weightKg: 80.05, bodyFatPercent: null },
      ],
    },
  );
}

const forward = (db: Database, userId: string, input: Record<string, unknown> = RANGE) =>
  forwardMissingWeights(db, { userId, timeZone: TIME_ZONE, input });

/** The account's weigh-ins as Connect lists them (what the sync reads). */
async function listedByConnect(db: Database, connection: ProviderConnection) {
  const { accessToken } = openTokens(await reloadConnection(db, connection.id));
  const response = await fetch(
    `${sandbox.url}/connectapi.garmin.com/weight-service/weight/dateRange?startDate=2026-05-01&endDate=2026-05-05`,
    { headers: { authorization: `Bearer ${accessToken}` } },
  );
  const body = (await response.json()) as { dateWeightList: Array<{ date: number; weight: number }> };
  return body.dateWeightList;
}

describeEachDatabase("weigh-ins forwarded to Garmin Connect (password-linked)", (database) => {
  const statusesOf = async (userId: string) =>
    Object.fromEntries(
      (
        await database.db
          .select()
          .from(bodyMeasurements)
          .where(eq(bodyMeasurements.userId, userId))
          .orderBy(bodyMeasurements.measuredAt)
      )
        .filter((row) => row.provider === "fitbit")
        .map((row) => [row.measuredAt.toISOString().slice(0, 10), row.syncStatus]),
    );

  it("sends the days Connect lacks to its weight service, which then lists them; a second forward sends nothing", async () => {
    const user = await createTestUser(database.db);
    const connection = await linkConnect(database.db, user.id, "wanda");
    await seedScales(database.db, user.id, connection);

    const comparison = await compareWeights(database.db, { userId: user.id, timeZone: TIME_ZONE, input: RANGE });
    expect(comparison.onlyInA.map((day) => day.date)).toEqual(["2026-05-01", "2026-05-03", "2026-05-05"]);

    expect(await forward(database.db, user.id)).toEqual({
      destinationConnectionId: connection.id,
      forwarded: 3,
      failed: [],
    });
    // Filed at 07:10 on the person's clock, the instant in GMT, in kilograms.
    expect(
      connectWeighIns(sandbox.state).map(({ domain, login, calendarDate, at, grams, sourceType }) => ({
        domain,
        login,
        calendarDate,
        at: new Date(at).toISOString(),
        grams,
        sourceType,
      })),
    ).toEqual([
      { ...held("2026-05-01"), grams: 80_000 },
      { ...held("2026-05-03"), grams: 79_900 },
      { ...held("2026-05-05"), grams: 80_300 },
    ]);
    const listed = await listedByConnect(database.db, connection);
    for (const date of ["2026-05-01", "2026-05-03", "2026-05-05"])
      expect(listed).toContainEqual(expect.objectContaining({ date: Date.parse(`${date}T05:10:00Z`) }));
    expect(await statusesOf(user.id)).toEqual({
      "2026-05-01": "synced",
      "2026-05-02": "pending",
      "2026-05-03": "synced",
      "2026-05-04": "pending",
      "2026-05-05": "synced",
    });

    // Connect's copies are not synced back yet, so the days still look missing: nothing is sent twice.
    const posts = sandbox.state.countCalls(POSTS);
    expect(posts).toBe(3);
    expect(await forward(database.db, user.id)).toEqual({
      destinationConnectionId: connection.id,
      forwarded: 0,
      failed: [],
    });
    expect(sandbox.state.countCalls(POSTS)).toBe(posts);
    expect(connectWeighIns(sandbox.state)).toHaveLength(3);
  });

  it("does not send again a weigh-in Connect already holds (a forward cut off before it recorded)", async () => {
    const user = await createTestUser(database.db);
    const connection = await linkConnect(database.db, user.id, "otto");
    await seedScales(database.db, user.id, connection);
    await forward(database.db, user.id);
    await database.db
      .update(bodyMeasurements)
      .set({ syncStatus: "pending" })
      .where(eq(bodyMeasurements.userId, user.id));

    expect(await forward(database.db, user.id)).toMatchObject({ forwarded: 3, failed: [] });
    expect(sandbox.state.countCalls(POSTS)).toBe(3);
    expect(connectWeighIns(sandbox.state)).toHaveLength(3);
    expect(Object.values(await statusesOf(user.id)).filter((status) => status === "synced")).toHaveLength(3);
  });

  it("marks a weigh-in Connect refuses as failed, in its words, and still sends the others", async () => {
    const user = await createTestUser(database.db);
    const connection = await linkConnect(database.db, user.id, "ida");
    await seedScales(database.db, user.id, connection);
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "fitbit", sourceId: "fb-1" },
      { bodyMeasurements: [weighIn("2026-05-06T05:10:00Z", 612)] },
    );
    const result = await forward(database.db, user.id);
    expect(result).toMatchObject({
      forwarded: 3,
      failed: [{ date: "2026-05-06", message: expect.stringContaining("value: must be at most 500 kg") }],
    });
    expect((await statusesOf(user.id))["2026-05-06"]).toBe("failed");
    expect(connectWeighIns(sandbox.state)).toHaveLength(3);
  });

  it("stops at Connect's 429: what went is kept, the rest wait, and the account is left alone for hours", async () => {
    const user = await createTestUser(database.db);
    const connection = await linkConnect(database.db, user.id, "rosa");
    await seedScales(database.db, user.id, connection);
    sandbox.state.faults.push({
      host: "connectapi.garmin.com",
      pathIncludes: "/weight-service/user-weight",
      kind: "rate_limit",
      skip: 1,
      times: 1,
    });
    const result = await forward(database.db, user.id);
    expect(result.forwarded).toBe(1);
    expect(result.failed.map((day) => day.date)).toEqual(["2026-05-03", "2026-05-05"]);
    expect(result.failed[0]!.message).toMatch(/^Garmin Connect is limiting requests/);
    expect(await statusesOf(user.id)).toMatchObject({
      "2026-05-01": "synced",
      "2026-05-03": "failed",
      "2026-05-05": "failed",
    });
    const paused = await reloadConnection(database.db, connection.id);
    expect(paused.pausedUntil!.getTime()).toBeGreaterThan(Date.now());

    // While paused, a forward asks Connect nothing and says until when.
    const requests = sandbox.state.requests.length;
    const error = await forward(database.db, user.id).catch((thrown: unknown) => thrown);
    expect(errorResponse(error).status).toBe(429);
    expect(sandbox.state.requests.length).toBe(requests);
  });

  it("starts the Health page's comparison from a linked account that takes weigh-ins", async () => {
    const user = await createTestUser(database.db);
    const section = () =>
      loadWeightSection(database.db, {
        userId: user.id,
        timeZone: TIME_ZONE,
        start: "2026-05-01",
        end: "2026-05-31",
        isMerged: true,
      });
    expect(await section()).toMatchObject({ defaultSourceB: "garmin" });
    await linkConnect(database.db, user.id, "nia");
    const linked = await section();
    expect(linked.defaultSourceB).toBe("garmin_connect");
    expect(linked.compareSources).toContainEqual({ slug: "garmin_connect", name: "Garmin Connect" });
  });

  it("refuses bad input with 400 naming the field, before anything is sent", async () => {
    const user = await createTestUser(database.db);
    const connection = await linkConnect(database.db, user.id, "bo");
    await seedScales(database.db, user.id, connection);
    const refusal = async (input: Record<string, unknown>) => {
      const error = await forward(database.db, user.id, input).catch((thrown: unknown) => thrown);
      const response = errorResponse(error);
      return { status: response.status, body: (await response.json()) as { error: { message: string } } };
    };

    const notUuid = await refusal({ ...RANGE, destinationConnectionId: "garmin" });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.error.message).toBe("destinationConnectionId: must be a connection id (UUID)");
    const backwards = await refusal({ ...RANGE, start_date: "2026-06-01" });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toBe("start_date: must not be after end_date");
    expect(sandbox.state.countCalls(POSTS)).toBe(0);
  });

  it("answers 409 without a destination, and names Garmin Connect when asked to forward to the read-only Garmin API", async () => {
    const user = await createTestUser(database.db);
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "fitbit", sourceId: "fb-1" },
      { bodyMeasurements: [weighIn("2026-05-01T05:10:00Z", 80)] },
    );
    for (const sourceB of ["garmin", "garmin_connect"]) {
      const error = await forward(database.db, user.id, { ...RANGE, sourceB }).catch((thrown: unknown) => thrown);
      expect(hasErrorCode(error, "CONFLICT")).toBe(true);
      expect((error as Error).message).toMatch(/^No destination that accepts weight is linked/);
    }
    const official = await forward(database.db, user.id, { ...RANGE, sourceB: "garmin" }).catch((e: unknown) => e);
    expect((official as Error).message).toContain("Garmin Connect accounts linked with a password do");
    expect(await statusesOf(user.id)).toEqual({ "2026-05-01": "pending" });
  });

  it("plays Connect's weight service: a malformed weigh-in is refused with 400 naming the field, and not kept", async () => {
    const user = await createTestUser(database.db);
    const connection = await linkConnect(database.db, user.id, "kai");
    const { accessToken } = openTokens(connection);
    const post = (body: Record<string, unknown>) =>
      fetch(`${sandbox.url}/connectapi.garmin.com/weight-service/user-weight`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const good = {
      dateTimestamp: "2026-05-01T07:10:00.00",
      gmtTimestamp: "2026-05-01T05:10:00.00",
      unitKey: "kg",
      value: 80,
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, unitKey: "stone" }, "unitKey: must be kg or lbs"],
      [{ ...good, value: 0 }, "value: must be more than 0"],
      [{ ...good, gmtTimestamp: undefined }, "gmtTimestamp: is required"],
      [{ ...good, dateTimestamp: "2026-02-30T07:10:00.00" }, "dateTimestamp: is not a real date and time"],
      [{ ...good, dateTimestamp: "2026-05-02T07:10:00.00" }, "dateTimestamp: must be within 14 hours of gmtTimestamp"],
    ];
    for (const [body, message] of cases) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toContain(message);
    }
    expect(connectWeighIns(sandbox.state)).toHaveLength(0);
    expect((await post({ ...good, unitKey: "lbs", value: 176.4 })).status).toBe(204);
    expect(connectWeighIns(sandbox.state)).toEqual([expect.objectContaining({ grams: 80_014, login: "kai" })]);
  });
});

/** A forwarded weigh-in as the sandbox keeps it: 07:10 in Berlin (CEST) is 05:10 GMT. */
const held = (date: string) => ({
  domain: "garmin.com",
  login: "wanda",
  calendarDate: date,
  at: `${date}T05:10:00.000Z`,
  sourceType: "MANUAL",
});
