import { desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { activities } from "../schema";

export async function findRecentActivities(db: Database, params: { userId: string; limit: number }) {
  return db
    .select({
      id: activities.id,
      name: activities.name,
      type: activities.type,
      provider: activities.provider,
      startAt: activities.startAt,
      durationS: activities.durationS,
      distanceM: activities.distanceM,
    })
    .from(activities)
    .where(eq(activities.userId, params.userId))
    .orderBy(desc(activities.startAt), desc(activities.id))
    .limit(params.limit);
}
