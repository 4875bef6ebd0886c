import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";

// pg_advisory_xact_lock(class, key): one transaction at a time per person writes activities
// and links them. Without it, a Garmin page and a Strava page committing side by side would
// each miss the other's uncommitted copy and neither would ever be linked. Taken before the
// rows are written, so two writers never hold row locks the other's linking waits on.
const MERGE_LOCK_CLASS = 1_404_002;

/**
 * Takes the person's merge lock and returns the database's now(): every row the coming write
 * inserts or changes has an updated_at at or after it (the transaction's start inside one, the
 * next statement's outside), and a row it leaves unchanged keeps an older one.
 */
export async function lockActivityMerging(db: Database, userId: string): Promise<Date> {
  const result = await db.execute<{ now: string | Date }>(
    sql`select pg_advisory_xact_lock(${MERGE_LOCK_CLASS}::int, hashtext(${userId})), now() as now`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { now: string | Date }[] }).rows;
  return new Date(rows[0]!.now);
}
