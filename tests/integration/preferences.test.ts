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
    expect(result).toEqual({
      ok: true,
      preferences: { unitSystem: "imperial", timeZone: "Asia/Tokyo", heightM: null },
      remerge: "none",
    });
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

  it("keeps a height typed in centimetres or in feet and inches as metres, and clears it when left empty", async () => {
    const user = await createTestUser(database.db);
    const save = (input: Record<string, unknown>) =>
      savePreferences(database.db, { userId: user.id, input: { unitSystem: "metric", timeZone: "UTC", ...input } });
    const heightOf = async () =>
      (await database.db.select({ heightM: users.heightM }).from(users).where(eq(users.id, user.id)))[0]!.heightM;

    expect(await save({ heightCm: "170" })).toMatchObject({ ok: true, preferences: { heightM: 1.7 } });
    expect(await heightOf()).toBe(1.7);
    expect(await save({ heightFt: "5", heightIn: "10" })).toMatchObject({ ok: true, preferences: { heightM: 1.778 } });
    expect(await save({ heightCm: "" })).toMatchObject({ ok: true, preferences: { heightM: null } });
    expect(await heightOf()).toBeNull();
  });

  it("names the height field it refuses and keeps the height saved before", async () => {
    const user = await createTestUser(database.db);
    const save = (input: Record<string, unknown>) =>
      savePreferences(database.db, { userId: user.id, input: { unitSystem: "metric", timeZone: "UTC", ...input } });
    await save({ heightCm: "180" });
    expect(await save({ heightCm: "17" })).toEqual({
      ok: false,
      fieldErrors: { height: expect.stringContaining("50 cm") },
    });
    expect(await save({ heightCm: "tall" })).toEqual({
      ok: false,
      fieldErrors: { height: expect.stringContaining("centimetres") },
    });
    expect(await save({ heightIn: "4" })).toEqual({
      ok: false,
      fieldErrors: { height: "Enter feet as well as inches." },
    });
    const [row] = await database.db.select({ heightM: users.heightM }).from(users).where(eq(users.id, user.id));
    expect(row!.heightM).toBe(1.8);
  });
});
