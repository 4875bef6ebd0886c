import { expect, it } from "vitest";
import { findLastNight, hasUserData, summarizeWeek } from "@/lib/db/queries/overview";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const owner = (userId: string, provider = "strava") => ({ userId, connectionId: null, provider, sourceId: "" });
const run = (externalId: string, startAt: string, durationS = 1800) => ({
  externalId,
  type: "run",
  startAt: new Date(startAt),
  durationS,
  distanceM: 5000,
});

describeEachDatabase("overview", (database) => {
  it("counts an activity at 23:30 UTC on Sunday in the next week for someone in Tokyo", async () => {
    const user = await createTestUser(database.db);
    // Sunday 22 November 2026, 23:30 UTC = Monday 23 November, 08:30 in Tokyo.
    await upsertRecordBatch(database.db, owner(user.id), { activities: [run("sunday-night", "2026-11-22T23:30:00Z")] });
    const mondayInTokyo = new Date("2026-11-23T03:00:00Z");

    const tokyo = await summarizeWeek(database.db, { userId: user.id, timeZone: "Asia/Tokyo", now: mondayInTokyo });
    expect(tokyo).toEqual([{ type: "run", sessions: 1, durationS: 1800, distanceM: 5000 }]);
    // In UTC the same run was last week's.
    expect(await summarizeWeek(database.db, { userId: user.id, timeZone: "UTC", now: mondayInTokyo })).toEqual([]);
  });

  it("keeps Sunday evening in Los Angeles in the old week, though it is Monday in UTC", async () => {
    const user = await createTestUser(database.db);
    await upsertRecordBatch(database.db, owner(user.id), {
      activities: [
        // Monday 03:00 UTC = Sunday 19:00 in Los Angeles (PST, UTC−8).
        run("sunday-evening", "2026-11-23T03:00:00Z"),
        // Monday 09:00 in Los Angeles.
        run("monday-morning", "2026-11-23T17:00:00Z", 3600),
        // The Monday after: next week everywhere.
        run("next-monday", "2026-11-30T17:00:00Z"),
      ],
    });
    const mondayNoon = new Date("2026-11-23T20:00:00Z");
    const losAngeles = await summarizeWeek(database.db, {
      userId: user.id,
      timeZone: "America/Los_Angeles",
      now: mondayNoon,
    });
    expect(losAngeles).toEqual([{ type: "run", sessions: 1, durationS: 3600, distanceM: 5000 }]);
    expect(await summarizeWeek(database.db, { userId: user.id, timeZone: "UTC", now: mondayNoon })).toEqual([
      { type: "run", sessions: 2, durationS: 5400, distanceM: 10_000 },
    ]);
  });

  it("sums per type, longest first, and only the person's own activities", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    await upsertRecordBatch(database.db, owner(user.id), {
      activities: [
        run("r1", "2026-11-24T06:00:00Z"),
        run("r2", "2026-11-25T06:00:00Z"),
        {
          externalId: "b1",
          type: "ride",
          startAt: new Date("2026-11-26T06:00:00Z"),
          durationS: 7200,
          distanceM: 60_000,
        },
      ],
    });
    await upsertRecordBatch(database.db, owner(other.id), {
      activities: [run("theirs", "2026-11-24T06:00:00Z", 9999)],
    });
    const week = await summarizeWeek(database.db, {
      userId: user.id,
      timeZone: "Europe/Berlin",
      now: new Date("2026-11-27T12:00:00Z"),
    });
    expect(week).toEqual([
      { type: "ride", sessions: 1, durationS: 7200, distanceM: 60_000 },
      { type: "run", sessions: 2, durationS: 3600, distanceM: 10_000 },
    ]);
  });

  it("knows whether there is anything to show, from any of activities, nights or days, and only the person's own", async () => {
    const [empty, runner, sleeper, stepper] = await Promise.all([1, 2, 3, 4].map(() => createTestUser(database.db)));
    await upsertRecordBatch(database.db, owner(runner!.id), { activities: [run("a", "2026-11-24T06:00:00Z")] });
    await upsertRecordBatch(database.db, owner(sleeper!.id, "oura"), {
      sleepSessions: [
        {
          externalId: "n",
          startAt: new Date("2026-11-23T22:00:00Z"),
          endAt: new Date("2026-11-24T06:00:00Z"),
          localDate: "2026-11-24",
          asleepS: 27_000,
        },
      ],
    });
    await upsertRecordBatch(database.db, owner(stepper!.id, "fitbit"), {
      dailySummaries: [{ localDate: "2026-11-24", steps: 9000 }],
    });

    expect(await hasUserData(database.db, { userId: empty!.id })).toBe(false);
    expect(await hasUserData(database.db, { userId: runner!.id })).toBe(true);
    expect(await hasUserData(database.db, { userId: sleeper!.id })).toBe(true);
    expect(await hasUserData(database.db, { userId: stepper!.id })).toBe(true);
  });

  it("counts a run that Garmin and Strava both have once, and last night as the counted source's", async () => {
    const user = await createTestUser(database.db);
    await upsertRecordBatch(database.db, owner(user.id, "garmin"), {
      activities: [run("g-run", "2026-11-24T06:00:00Z")],
    });
    // Strava's copy of the same run: 30 s later, a little shorter.
    await upsertRecordBatch(database.db, owner(user.id, "strava"), {
      activities: [{ ...run("s-run", "2026-11-24T06:00:30Z", 1790), distanceM: 4990 }],
    });
    const week = await summarizeWeek(database.db, {
      userId: user.id,
      timeZone: "UTC",
      now: new Date("2026-11-25T12:00:00Z"),
    });
    expect(week).toEqual([{ type: "run", sessions: 1, durationS: 1800, distanceM: 5000 }]);

    const night = (externalId: string, asleepS: number) => ({
      externalId,
      startAt: new Date("2026-11-24T22:00:00Z"),
      endAt: new Date("2026-11-25T06:00:00Z"),
      localDate: "2026-11-25",
      asleepS,
    });
    await upsertRecordBatch(database.db, owner(user.id, "oura"), { sleepSessions: [night("oura-night", 25_000)] });
    // The phone's copy of the same night says longer: the Overview still shows Oura's.
    await upsertRecordBatch(
      database.db,
      { ...owner(user.id, "apple_health"), sourceId: "iPhone" },
      {
        sleepSessions: [night("phone-night", 27_000)],
      },
    );
    expect(await findLastNight(database.db, { userId: user.id })).toMatchObject({ provider: "oura", asleepS: 25_000 });
  });
});
