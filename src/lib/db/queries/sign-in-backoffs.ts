import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { signInBackoffs } from "../schema";

type BackoffKey = { userId: string; provider: string; accountKey: string };

const matches = (key: BackoffKey) =>
  and(
    eq(signInBackoffs.userId, key.userId),
    eq(signInBackoffs.provider, key.provider),
    eq(signInBackoffs.accountKey, key.accountKey),
  );

/** Until when sign-ins for this person and account wait, if a refusal paused them. */
export async function findSignInPause(db: Database, key: BackoffKey): Promise<Date | null> {
  const [row] = await db.select({ pausedUntil: signInBackoffs.pausedUntil }).from(signInBackoffs).where(matches(key));
  return row?.pausedUntil ?? null;
}

/** Records one more refusal in a row: `baseHours` doubled per earlier one, in one statement. */
export async function recordSignInRefusal(
  db: Database,
  params: BackoffKey & { now: Date; baseHours: number },
): Promise<Date> {
  const now = params.now.toISOString();
  const [row] = await db
    .insert(signInBackoffs)
    .values({
      userId: params.userId,
      provider: params.provider,
      accountKey: params.accountKey,
      level: 1,
      pausedUntil: new Date(params.now.getTime() + params.baseHours * 3_600_000),
    })
    .onConflictDoUpdate({
      target: [signInBackoffs.userId, signInBackoffs.provider, signInBackoffs.accountKey],
      set: {
        level: sql`${signInBackoffs.level} + 1`,
        pausedUntil: sql`${now}::timestamptz + ${params.baseHours} * power(2, ${signInBackoffs.level}) * interval '1 hour'`,
        updatedAt: params.now,
      },
    })
    .returning({ pausedUntil: signInBackoffs.pausedUntil });
  return row!.pausedUntil;
}

/** A sign-in got through: the next refusal starts the doubling anew. */
export async function clearSignInRefusals(db: Database, key: BackoffKey): Promise<void> {
  await db.delete(signInBackoffs).where(matches(key));
}
