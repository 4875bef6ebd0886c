import { expect, it } from "vitest";
import {
  decodeActivityCursor,
  findActivitiesPage,
  listActivityFacets,
  type ActivityCursor,
} from "@/lib/db/queries/activities";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

describeEachDatabase("activity list pages", (database) => {
  it("pages through every activity once, newest first, even across equal start times", async () => {
    const user = await createTestUser(database.db);
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "strava", sourceId: "" },
      {
        activities: Array.from({ length: 45 }, (_, i) => ({
          externalId: `a${i}`,
          type: i % 3 === 0 ? "ride" : "run",
          name: i % 5 === 0 ? `Tempo ${i}` : `Easy ${i}`,
          startAt: new Date(Date.UTC(2026, 9, 1) + Math.floor(i / 2) * 86_400_000),
        })),
      },
    );
    const seen: string[] = [];
    let after: ActivityCursor | undefined;
    let previous = Infinity;
    for (let page = 0; page < 10; page++) {
      const result = await findActivitiesPage(database.db, {
        userId: user.id,
        filters: {},
        timeZone: "UTC",
        after,
        limit: 10,
      });
      for (const row of result.rows) {
        expect(row.startAt.getTime()).toBeLessThanOrEqual(previous);
        previous = row.startAt.getTime();
        seen.push(row.id);
      }
      if (!result.next) break;
      after = decodeActivityCursor(result.next);
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
  });

  it("filters by type, source, date range and text, and only ever shows the user's own rows", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 7));
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "strava", sourceId: "" },
      {
        activities: [
          { externalId: "1", type: "run", name: "Tempo Tuesday", startAt: day(3) },
          { externalId: "2", type: "ride", name: "Long ride", startAt: day(8) },
          { externalId: "3", type: "run", name: "Easy 100%_run", startAt: day(12) },
        ],
      },
    );
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "garmin", sourceId: "" },
      { activities: [{ externalId: "g", type: "run", name: "Garmin tempo", startAt: day(5) }] },
    );
    await upsertRecordBatch(
      database.db,
      { userId: other.id, connectionId: null, provider: "strava", sourceId: "" },
      { activities: [{ externalId: "x", type: "run", name: "Tempo not mine", startAt: day(4) }] },
    );

    const names = async (filters: Parameters<typeof findActivitiesPage>[1]["filters"]) =>
      (await findActivitiesPage(database.db, { userId: user.id, filters, timeZone: "UTC", limit: 50 })).rows.map(
        (row) => row.name,
      );
    expect(await names({ type: "ride" })).toEqual(["Long ride"]);
    expect(await names({ provider: "garmin" })).toEqual(["Garmin tempo"]);
    expect(await names({ from: "2026-11-04", to: "2026-11-08" })).toEqual(["Long ride", "Garmin tempo"]);
    expect(await names({ text: "tempo" })).toEqual(["Garmin tempo", "Tempo Tuesday"]);
    expect(await names({ text: "100%_" })).toEqual(["Easy 100%_run"]);
  });

  it("filters dates on the person's own calendar", async () => {
    const user = await createTestUser(database.db);
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "strava", sourceId: "" },
      {
        activities: [
          // Sunday 22 November at 23:30 UTC is Monday morning in Tokyo.
          { externalId: "late", type: "run", name: "Late run", startAt: new Date("2026-11-22T23:30:00Z") },
          { externalId: "noon", type: "run", name: "Noon run", startAt: new Date("2026-11-22T12:00:00Z") },
        ],
      },
    );
    const names = async (timeZone: string, date: string) =>
      (
        await findActivitiesPage(database.db, {
          userId: user.id,
          filters: { from: date, to: date },
          timeZone,
          limit: 50,
        })
      ).rows.map((row) => row.name);
    expect(await names("UTC", "2026-11-22")).toEqual(["Late run", "Noon run"]);
    expect(await names("Asia/Tokyo", "2026-11-22")).toEqual(["Noon run"]);
    expect(await names("Asia/Tokyo", "2026-11-23")).toEqual(["Late run"]);
  });

  it("offers each of the user's own types and sources once, in order, for the filter menus", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 7));
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "strava", sourceId: "" },
      {
        activities: [
          { externalId: "1", type: "run", startAt: day(1) },
          { externalId: "2", type: "ride", startAt: day(2) },
          { externalId: "3", type: "run", startAt: day(3) },
        ],
      },
    );
    await upsertRecordBatch(
      database.db,
      { userId: user.id, connectionId: null, provider: "garmin", sourceId: "" },
      { activities: [{ externalId: "g", type: "swim", startAt: day(4) }] },
    );
    await upsertRecordBatch(
      database.db,
      { userId: other.id, connectionId: null, provider: "polar", sourceId: "" },
      { activities: [{ externalId: "x", type: "yoga", startAt: day(5) }] },
    );

    expect(await listActivityFacets(database.db, { userId: user.id })).toEqual({
      types: ["ride", "run", "swim"],
      providers: ["garmin", "strava"],
    });
    expect(await listActivityFacets(database.db, { userId: (await createTestUser(database.db)).id })).toEqual({
      types: [],
      providers: [],
    });
  });
});
