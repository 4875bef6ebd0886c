import { count, eq } from "drizzle-orm";
import type { Database } from "../client";
import { activities, dailySummaries, providerConnections, sleepSessions } from "../schema";

export type OverviewCounts = { connections: number; activities: number; sleepNights: number; days: number };

export async function countUserData(db: Database, params: { userId: string }): Promise<OverviewCounts> {
  const countFor = async (table: typeof activities | typeof sleepSessions | typeof dailySummaries | typeof providerConnections) => {
    const [row] = await db.select({ value: count() }).from(table).where(eq(table.userId, params.userId));
    return row?.value ?? 0;
  };
  const [connections, activityCount, sleepNights, days] = await Promise.all([
    countFor(providerConnections),
    countFor(activities),
    countFor(sleepSessions),
    countFor(dailySummaries),
  ]);
  return { connections, activities: activityCount, sleepNights, days };
}
