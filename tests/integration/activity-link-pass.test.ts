import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { findActivitiesPage } from "@/lib/db/queries/activities";
import { findLinkPass, listUsersDueLinkPass, saveLinkPass } from "@/lib/db/queries/link-passes";
import { writeActivities } from "@/lib/db/queries/records";
import { activities, activityLinks } from "@/lib/db/schema";
import { linkActivityHistory } from "@/lib/merge/activities/link-history";
import { setSourceOrder } from "@/lib/merge/activities/source-order";
import { getActivityLinks } from "@/lib/merge/activities/view";
import type { ActivityRecord } from "@/lib/sync/records";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

const DAY_MS = 86_400_000;
const start = (day: number, offsetS = 0) =>
  new Date(Date.parse("2024-03-01T06:00:00Z") + day * DAY_MS + offsetS * 1000);
const run = (
  externalId: string,
  day: number,
  offsetS: number,
  extra: Partial<ActivityRecord> = {},
): ActivityRecord => ({
  externalId,
  type: "run",
  name: "Morning Run",
  startAt: start(day, offsetS),
  durationS: 3600,
  distanceM: 10_000,
  raw: {},
  ...extra,
});

describeEachDatabase("the linking pass over stored activities", (database) => {
  // Rows written the way they were before linking existed: no links, no primaries.
  async function storeUnlinkedHistory(userId: string) {
    const owner = (provider: string) => ({ userId, connectionId: null, provider, sourceId: "" });
    await writeActivities(
      database.db,
      owner("garmin"),
      Array.from({ length: 6 }, (_, day) => run(String(1000 + day), day, 0)),
    );
    await writeActivities(database.db, owner("strava"), [
      run("s0", 0, 5, { distanceM: 10_040 }),
      run("s1", 1, 3),
      // Ten minutes off (the clock of whoever uploaded it), but it names the Garmin upload.
      run("s2", 2, 600, { raw: { id: 2, external_id: "garmin_push_1002" } }),
      run("s3", 3, 20),
      run("s4", 4, 1),
      // Another session that day: an hour after the Garmin one.
      run("s5", 5, 3600),
    ]);
    await writeActivities(database.db, owner("apple_health"), [run("a1", 1, 8, { durationS: 3590 })]);
  }
  const listed = async (userId: string) =>
    (await findActivitiesPage(database.db, { userId, filters: {}, timeZone: "UTC", limit: 50 })).rows;
  const snapshot = async (userId: string) => ({
    links: await database.db
      .select({ a: activityLinks.activityId, b: activityLinks.otherActivityId, method: activityLinks.method })
      .from(activityLinks)
      .where(eq(activityLinks.userId, userId))
      .orderBy(asc(activityLinks.activityId), asc(activityLinks.otherActivityId)),
    primaries: await database.db
      .select({ id: activities.id, mergedIntoId: activities.mergedIntoId })
      .from(activities)
      .where(eq(activities.userId, userId))
      .orderBy(asc(activities.id)),
  });

  it("links activities stored before linking existed, a slice at a time, and a second run changes nothing", async () => {
    const user = await createTestUser(database.db);
    await storeUnlinkedHistory(user.id);
    expect(await listed(user.id)).toHaveLength(13);
    expect(await findLinkPass(database.db, { userId: user.id })).toBeUndefined();

    // Stopped after two slices of three rows: the cursor keeps its place.
    const first = await linkActivityHistory(database.db, { userId: user.id, sliceSize: 3, maxSlices: 2 });
    expect(first).toMatchObject({ isFinished: false, slices: 2 });
    expect(await findLinkPass(database.db, { userId: user.id })).toMatchObject({ isFinished: false });
    const rest = await linkActivityHistory(database.db, { userId: user.id, sliceSize: 3 });
    expect(rest.isFinished).toBe(true);
    expect(first.links + rest.links).toBe(6);

    const rows = await listed(user.id);
    expect(rows.map((row) => [row.provider, [...row.alsoOn].sort()])).toEqual([
      ["strava", []],
      ["garmin", []],
      ["garmin", ["strava"]],
      ["garmin", ["strava"]],
      ["garmin", ["strava"]],
      ["garmin", ["apple_health", "strava"]],
      ["garmin", ["strava"]],
    ]);
    const named = rows.find((row) => row.startAt.getTime() === start(2).getTime())!;
    const { links } = await getActivityLinks(database.db, { userId: user.id, activityId: named.id });
    expect(links.map((link) => link.explanation)).toEqual([
      "Linked: Garmin 'Morning Run' and Strava 'Morning Run' (start 10 min apart, same distance, Strava names the Garmin upload)",
    ]);

    // Asked for again (as a new source order does), the pass finds everything already linked.
    const before = await snapshot(user.id);
    await saveLinkPass(database.db, { userId: user.id, cursor: null, isFinished: false });
    const again = await linkActivityHistory(database.db, { userId: user.id, sliceSize: 4 });
    expect(again).toMatchObject({ isFinished: true, links: 0 });
    expect(await snapshot(user.id)).toEqual(before);
  });

  it("is due again when the person changes the source order, and the primaries follow it", async () => {
    const user = await createTestUser(database.db);
    await storeUnlinkedHistory(user.id);
    // Everyone is due once (the scheduled pass asks this); after the pass, no longer.
    const isDue = async () => (await listUsersDueLinkPass(database.db, { limit: 1_000_000 })).includes(user.id);
    expect(await isDue()).toBe(true);
    await linkActivityHistory(database.db, { userId: user.id });
    expect(await findLinkPass(database.db, { userId: user.id })).toMatchObject({ isFinished: true });
    expect(await isDue()).toBe(false);

    await setSourceOrder(database.db, { userId: user.id, sport: "run", providers: ["strava", "garmin"] });
    expect(await findLinkPass(database.db, { userId: user.id })).toMatchObject({ isFinished: false, cursor: null });
    expect(await isDue()).toBe(true);
    const before = await snapshot(user.id);
    expect(await linkActivityHistory(database.db, { userId: user.id })).toMatchObject({ isFinished: true, links: 0 });
    expect(await snapshot(user.id)).toEqual(before);
    expect((await listed(user.id)).map((row) => row.provider)).toEqual([
      "strava",
      "garmin",
      "strava",
      "strava",
      "strava",
      "strava",
      "strava",
    ]);
  });
});
