import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { users } from "@/lib/db/schema";
import { describeEachDatabase } from "../databases";

const strongPassword = "correct horse battery staple";
// Each call from its own address, so these tests never meet the attempt limits.
const anyClient = () => ({ client: `test-${randomUUID()}` });

describeEachDatabase("sign-up and sign-in", (database) => {
  const countUsersWithEmail = async (email: string) => {
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.email, email));
    return row!.n;
  };

  it("creates an account whose password verifies and is stored only as a scrypt hash", async () => {
    const email = `runner-${randomUUID()}@example.test`;
    const result = await signUpWithPassword(database.db, { name: "Ada", email, password: strongPassword }, anyClient());
    expect(result).toMatchObject({ ok: true, email });

    const [stored] = await database.db.select().from(users).where(eq(users.email, email));
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(strongPassword);
    expect(await verifyCredentials(database.db, { email, password: strongPassword }, anyClient())).toMatchObject({
      email,
      name: "Ada",
    });
  });

  it("refuses a taken email, whatever its case, without creating a second account", async () => {
    const email = `taken-${randomUUID()}@example.test`;
    await signUpWithPassword(database.db, { email, password: strongPassword }, anyClient());
    const second = await signUpWithPassword(
      database.db,
      { email: `  ${email.toUpperCase()} `, password: "another good password" },
      anyClient(),
    );
    expect(second).toEqual({ ok: false, fieldErrors: { email: expect.stringContaining("already exists") } });
    expect(await countUsersWithEmail(email)).toBe(1);
  });

  it("names the field for a malformed email or a weak password and stores nothing", async () => {
    const email = `weak-${randomUUID()}@example.test`;
    expect(await signUpWithPassword(database.db, { email, password: "short" }, anyClient())).toEqual({
      ok: false,
      fieldErrors: { password: "Use at least 10 characters." },
    });
    expect(await signUpWithPassword(database.db, { email, password: "password123" }, anyClient())).toMatchObject({
      ok: false,
      fieldErrors: { password: expect.stringContaining("too common") },
    });
    expect(
      await signUpWithPassword(database.db, { email: "not-an-email", password: strongPassword }, anyClient()),
    ).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.stringContaining("valid email") },
    });
    expect(await countUsersWithEmail(email)).toBe(0);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    const email = `signin-${randomUUID()}@example.test`;
    await signUpWithPassword(database.db, { email, password: strongPassword }, anyClient());
    expect(await verifyCredentials(database.db, { email, password: "not the password" }, anyClient())).toBeNull();
    expect(
      await verifyCredentials(
        database.db,
        { email: `nobody-${randomUUID()}@example.test`, password: strongPassword },
        anyClient(),
      ),
    ).toBeNull();
    expect(await verifyCredentials(database.db, { email: "", password: "" }, anyClient())).toBeNull();
  });

  it("lets two sign-ups race for one email and keeps exactly one account", async () => {
    const email = `race-${randomUUID()}@example.test`;
    const results = await Promise.all([
      signUpWithPassword(database.db, { email, password: strongPassword }, anyClient()),
      signUpWithPassword(database.db, { email, password: strongPassword }, anyClient()),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await countUsersWithEmail(email)).toBe(1);
  });
});
