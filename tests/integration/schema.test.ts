import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { activities, dailySummaries, samples } from "@/lib/db/schema";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

describeEachDatabase("data model keys", (database) => {
  const activity = (userId: string, externalId: string) => ({
    userId,
    provider: "strava",
    externalId,
    type: "run",
    startAt: new Date("2026-11-01T07:00:00Z"),
    distanceM: 10_000,
  });

  it("keeps one activity per (provider, external id) within a user", async () => {
    const user = await createTestUser(database.db);
    const externalId = randomUUID();
    await database.db.insert(activities).values(activity(user.id, externalId));
    await expect(database.db.insert(activities).values(activity(user.id, externalId))).rejects.toThrow();

    const inserted = await database.db
      .insert(activities)
      .values(activity(user.id, externalId))
      .onConflictDoNothing({ target: [activities.userId, activities.provider, activities.externalId] })
      .returning();
    expect(inserted).toHaveLength(0);
  });

  it("lets two users hold the same provider id without touching each other's row", async () => {
    const alice = await createTestUser(database.db);
    const bob = await createTestUser(database.db);
    const externalId = randomUUID();
    await database.db.insert(activities).values(activity(alice.id, externalId));
    await database.db.insert(activities).values({ ...activity(bob.id, externalId), distanceM: 5_000 });

    const [aliceRow] = await database.db
      .select()
      .from(activities)
      .where(and(eq(activities.userId, alice.id), eq(activities.externalId, externalId)));
    expect(aliceRow?.distanceM).toBe(10_000);
  });

  it("keeps one daily summary per source and local date, and cascades a user's deletion", async () => {
    const user = await createTestUser(database.db);
    const day = { userId: user.id, provider: "oura", sourceId: "acct-1", localDate: "2026-11-20", steps: 9000 };
    await database.db.insert(dailySummaries).values(day);
    await database.db.insert(dailySummaries).values({ ...day, sourceId: "acct-2" });
    await expect(database.db.insert(dailySummaries).values(day)).rejects.toThrow();

    await database.db.execute(sql`delete from users where id = ${user.id}`);
    const left = await database.db.select().from(dailySummaries).where(eq(dailySummaries.userId, user.id));
    expect(left).toHaveLength(0);
  });

  it("deletes a user's samples with the user, and only theirs (a trigger, not a foreign key)", async () => {
    const leaving = await createTestUser(database.db);
    const staying = await createTestUser(database.db);
    const sample = (userId: string) => ({
      userId,
      provider: "apple_health",
      metric: "heart_rate",
      time: new Date("2026-11-20T07:00:00Z"),
      value: 61,
      unit: "bpm",
    });
    await database.db.insert(samples).values([sample(leaving.id), sample(staying.id)]);

    await database.db.execute(sql`delete from users where id = ${leaving.id}`);
    expect(await database.db.select().from(samples).where(eq(samples.userId, leaving.id))).toHaveLength(0);
    expect(await database.db.select().from(samples).where(eq(samples.userId, staying.id))).toHaveLength(1);
  });
});
