import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { authThrottles } from "../schema";

export type ThrottleCount = { attempts: number; windowEndsAt: Date };

/**
 * Counts one attempt against `key` in one statement, so concurrent attempts (other requests,
 * other app processes) cannot all slip in under the limit. An expired window starts over.
 */
export async function countAttempt(
  db: Database,
  params: { key: string; now: Date; windowMs: number },
): Promise<ThrottleCount> {
  const freshWindowEnd = new Date(params.now.getTime() + params.windowMs);
  const isExpired = sql`${authThrottles.windowEndsAt} <= ${params.now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(authThrottles)
    .values({ key: params.key, attempts: 1, windowEndsAt: freshWindowEnd })
    .onConflictDoUpdate({
      target: authThrottles.key,
      set: {
        attempts: sql`case when ${isExpired} then 1 else ${authThrottles.attempts} + 1 end`,
        windowEndsAt: sql`case when ${isExpired} then excluded.window_ends_at else ${authThrottles.windowEndsAt} end`,
      },
    })
    .returning({ attempts: authThrottles.attempts, windowEndsAt: authThrottles.windowEndsAt });
  return row!;
}

/** Takes back one counted attempt (a successful sign-in is not an attack on the address). */
export async function uncountAttempt(db: Database, params: { key: string; now: Date }): Promise<void> {
  await db
    .update(authThrottles)
    .set({ attempts: sql`greatest(${authThrottles.attempts} - 1, 0)` })
    .where(and(eq(authThrottles.key, params.key), gt(authThrottles.windowEndsAt, params.now)));
}

export async function clearAttempts(db: Database, params: { key: string }): Promise<void> {
  await db.delete(authThrottles).where(eq(authThrottles.key, params.key));
}

/** Windows that have ended count for nothing; dropping them keeps the table as small as the current attacks. */
export async function deleteExpiredAttempts(db: Database, params: { now: Date }): Promise<void> {
  await db.delete(authThrottles).where(lte(authThrottles.windowEndsAt, params.now));
}
