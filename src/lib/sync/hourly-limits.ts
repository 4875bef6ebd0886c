import type { Database } from "@/lib/db";
import { countAttempt } from "@/lib/db/queries/auth-throttles";
import { WaitUntil } from "./wait-until";

const HOUR_MS = 3_600_000;

/**
 * Counts one use of a connection's hourly limit in the database (auth_throttles), so restarts and
 * a second worker share it. Past the limit the run waits for the window to end: WaitUntil gives
 * the worker back and the job resumes from its cursors then.
 */
export async function spendHourlyLimit(
  db: Database,
  params: { connectionId: string; budgetKey: string; limit: string; perHour: number; now?: Date },
): Promise<void> {
  const now = params.now ?? new Date();
  const count = await countAttempt(db, {
    key: `sync-limit:${params.limit}:${params.connectionId}`,
    now,
    windowMs: HOUR_MS,
  });
  if (count.attempts > params.perHour) throw new WaitUntil(count.windowEndsAt, params.budgetKey);
}
