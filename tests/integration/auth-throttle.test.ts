import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, inject, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { signUpWithPassword } from "@/lib/auth/sign-up";
import { THROTTLE_LIMITS, TooManyAttemptsError } from "@/lib/auth/throttle";
import { openPostgres } from "@/lib/db/client";
import { authThrottles } from "@/lib/db/schema";
import { describeEachDatabase } from "../databases";

const PASSWORD = "correct horse battery staple";
// Far ahead of the real clock: other suites' attempts (at the real time) never clear these windows.
const START = new Date("2100-03-02T09:00:00Z");
const minutesLater = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const newClient = () => `203.0.113.${randomUUID()}`;

describeEachDatabase("sign-in and sign-up attempt limits", (database) => {
  async function newAccount() {
    const email = `throttle-${randomUUID()}@example.test`;
    const created = await signUpWithPassword(database.db, { email, password: PASSWORD }, { client: newClient() });
    expect(created.ok).toBe(true);
    return email;
  }

  it("refuses even the right password after too many wrong ones for an account, says when to come back, and lets it in then", async () => {
    const email = await newAccount();
    for (let attempt = 0; attempt < THROTTLE_LIMITS.signInAccount.max; attempt++) {
      // A different address each time: the account's own limit is what stops these.
      expect(
        await verifyCredentials(
          database.db,
          { email, password: `guess ${attempt}` },
          { client: newClient(), now: START },
        ),
      ).toBeNull();
    }
    const refused = verifyCredentials(
      database.db,
      { email, password: PASSWORD },
      { client: newClient(), now: minutesLater(1) },
    );
    await expect(refused).rejects.toThrow(TooManyAttemptsError);
    await expect(refused).rejects.toThrow("Too many attempts. Try again at 09:15 UTC.");

    expect(
      await verifyCredentials(
        database.db,
        { email, password: PASSWORD },
        { client: newClient(), now: minutesLater(15) },
      ),
    ).toMatchObject({ email });
  });

  it("starts an account's count over after a successful sign-in", async () => {
    const email = await newAccount();
    const client = newClient();
    for (let round = 0; round < 3; round++) {
      for (let attempt = 0; attempt < THROTTLE_LIMITS.signInAccount.max - 1; attempt++) {
        expect(
          await verifyCredentials(database.db, { email, password: "wrong password" }, { client, now: START }),
        ).toBeNull();
      }
      expect(await verifyCredentials(database.db, { email, password: PASSWORD }, { client, now: START })).toMatchObject(
        { email },
      );
    }
  });

  it("stops one address guessing across many accounts", async () => {
    const client = newClient();
    for (let attempt = 0; attempt < THROTTLE_LIMITS.signInClient.max; attempt++) {
      const email = `nobody-${randomUUID()}@example.test`;
      expect(
        await verifyCredentials(database.db, { email, password: "spray password" }, { client, now: START }),
      ).toBeNull();
    }
    const email = await newAccount();
    await expect(verifyCredentials(database.db, { email, password: PASSWORD }, { client, now: START })).rejects.toThrow(
      /Too many attempts/,
    );
    // Someone else, elsewhere, still gets in.
    expect(
      await verifyCredentials(database.db, { email, password: PASSWORD }, { client: newClient(), now: START }),
    ).toMatchObject({ email });
  });

  it("lets no more than the limit through when the guesses arrive all at once", async () => {
    const email = await newAccount();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        verifyCredentials(database.db, { email, password: "parallel guess" }, { client: newClient(), now: START }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(THROTTLE_LIMITS.signInAccount.max);
    expect(
      results.filter((result) => result.status === "rejected" && result.reason instanceof TooManyAttemptsError),
    ).toHaveLength(12 - THROTTLE_LIMITS.signInAccount.max);
  });

  it("keeps saying an email is taken, but only so often per address", async () => {
    const email = await newAccount();
    const client = newClient();
    for (let attempt = 0; attempt < THROTTLE_LIMITS.signUpClient.max; attempt++) {
      expect(
        await signUpWithPassword(database.db, { email, password: PASSWORD }, { client, now: START }),
      ).toMatchObject({
        ok: false,
        fieldErrors: { email: expect.stringContaining("already exists") },
      });
    }
    const probe = await signUpWithPassword(
      database.db,
      { email: `other-${randomUUID()}@example.test`, password: PASSWORD },
      { client, now: START },
    );
    expect(probe).toEqual({ ok: false, fieldErrors: {}, formError: "Too many attempts. Try again at 09:15 UTC." });
    expect(
      await signUpWithPassword(
        database.db,
        { email: `later-${randomUUID()}@example.test`, password: PASSWORD },
        { client, now: minutesLater(16) },
      ),
    ).toMatchObject({ ok: true });
  });

  it("does not count accounts that were created against the address", async () => {
    const client = newClient();
    for (let attempt = 0; attempt < THROTTLE_LIMITS.signUpClient.max + 2; attempt++) {
      const email = `household-${randomUUID()}@example.test`;
      expect(
        await signUpWithPassword(database.db, { email, password: PASSWORD }, { client, now: START }),
      ).toMatchObject({ ok: true });
    }
  });

  it("forgets windows that have ended, so spraying addresses does not grow the table for good", async () => {
    const email = `gone-${randomUUID()}@example.test`;
    expect(
      await verifyCredentials(database.db, { email, password: "one guess" }, { client: newClient(), now: START }),
    ).toBeNull();
    const rowsFor = () =>
      database.db
        .select()
        .from(authThrottles)
        .where(eq(authThrottles.key, `sign-in:account:${email}`));
    expect(await rowsFor()).toHaveLength(1);
    await verifyCredentials(
      database.db,
      { email: `someone-${randomUUID()}@example.test`, password: "x" },
      { client: newClient(), now: minutesLater(20) },
    );
    expect(await rowsFor()).toEqual([]);
  });

  if (database.mode === "postgres") {
    it("holds across app processes sharing the database", async () => {
      const email = await newAccount();
      const other = await openPostgres(inject("postgresUrl"), { max: 2 });
      try {
        const half = Math.ceil(THROTTLE_LIMITS.signInAccount.max / 2);
        for (let attempt = 0; attempt < THROTTLE_LIMITS.signInAccount.max; attempt++) {
          const db = attempt < half ? database.db : other.db;
          expect(
            await verifyCredentials(db, { email, password: "wrong password" }, { client: newClient(), now: START }),
          ).toBeNull();
        }
        await expect(
          verifyCredentials(other.db, { email, password: PASSWORD }, { client: newClient(), now: START }),
        ).rejects.toThrow(/Too many attempts/);
      } finally {
        await other.close();
      }
    });
  }
});
