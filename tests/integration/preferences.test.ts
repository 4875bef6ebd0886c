import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { users } from "@/lib/db/schema";
import { savePreferences } from "@/lib/preferences";
import { describeEachDatabase } from "../databases";
import { createTestUser } from "../factories";

describeEachDatabase("preferences", (database) => {
  const stored = async (userId: string) => {
    const [row] = await database.db
      .select({ unitSystem: users.unitSystem, timeZone: users.timeZone })
      .from(users)
      .where(eq(users.id, userId));
    return row;
  };

  it("starts everyone on metric and UTC", async () => {
    const user = await createTestUser(database.db);
    expect(await stored(user.id)).toEqual({ unitSystem: "metric", timeZone: "UTC" });
  });

  it("saves units and time zone for the signed-in person only", async () => {
    const user = await createTestUser(database.db);
    const other = await createTestUser(database.db);
    const result = await savePreferences(database.db, {
      userId: user.id,
      input: { unitSystem: "imperial", timeZone: "Asia/Tokyo" },
    });
    expect(result).toEqual({ ok: true, preferences: { unitSystem: "imperial", timeZone: "Asia/Tokyo" } });
    expect(await stored(user.id)).toEqual({ unitSystem: "imperial", timeZone: "Asia/Tokyo" });
    expect(await stored(other.id)).toEqual({ unitSystem: "metric", timeZone: "UTC" });
  });

  it("names the field it refuses and changes nothing", async () => {
    const user = await createTestUser(database.db);
    const bad = await savePreferences(database.db, {
      userId: user.id,
      input: { unitSystem: "furlongs", timeZone: "+09:00" },
    });
    expect(bad).toEqual({
      ok: false,
      fieldErrors: {
        unitSystem: "Choose metric or imperial.",
        timeZone: expect.stringContaining("is not a time zone"),
      },
    });
    const missing = await savePreferences(database.db, { userId: user.id, input: { unitSystem: "metric" } });
    expect(missing).toMatchObject({ ok: false, fieldErrors: { timeZone: expect.any(String) } });
    expect(await stored(user.id)).toEqual({ unitSystem: "metric", timeZone: "UTC" });
  });
});
