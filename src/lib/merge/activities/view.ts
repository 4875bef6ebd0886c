import { eq, and, inArray } from "drizzle-orm";
import { activitySource } from "@/lib/activity/source";
import type { Database } from "@/lib/db/client";
import { findLinksTouching } from "@/lib/db/queries/activity-links";
import { activities } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { explainLink } from "./explain";

/** One source's numbers for the side-by-side table. */
export interface LinkedCopy {
  id: string;
  provider: string;
  source: string;
  externalId: string;
  name: string | null;
  type: string;
  startAt: string;
  durationS: number | null;
  distanceM: number | null;
  elevationGainM: number | null;
  energyKcal: number | null;
  avgHeartRateBpm: number | null;
  maxHeartRateBpm: number | null;
  avgPowerW: number | null;
  isPrimary: boolean;
}

export interface ActivityLinksView {
  activityId: string;
  primaryId: string;
  /** Every row of the activity, the primary first. */
  copies: LinkedCopy[];
  /** The other sources, by name ("also on Strava, Apple Health"). */
  alsoOn: string[];
  links: Array<{ activityId: string; otherActivityId: string; method: string; explanation: string }>;
}

/** An activity's copies across sources and why each is linked, for the detail page and the API. */
export async function getActivityLinks(
  db: Database,
  params: { userId: string; activityId: string },
): Promise<ActivityLinksView> {
  const { userId } = params;
  const [row] = await db
    .select({ id: activities.id, mergedIntoId: activities.mergedIntoId })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.id, params.activityId)));
  if (!row) throw new AppError("NOT_FOUND", "No such activity.");
  const primaryId = row.mergedIntoId ?? row.id;
  const rows = await db
    .select()
    .from(activities)
    .where(and(eq(activities.userId, userId), inArray(activities.id, [primaryId])))
    .union(
      db
        .select()
        .from(activities)
        .where(and(eq(activities.userId, userId), eq(activities.mergedIntoId, primaryId))),
    );
  const copies: LinkedCopy[] = rows
    .map((copy) => ({
      id: copy.id,
      provider: copy.provider,
      source: activitySource(copy.provider, copy.externalId).name,
      externalId: copy.externalId,
      name: copy.name,
      type: copy.type,
      startAt: copy.startAt.toISOString(),
      durationS: copy.durationS,
      distanceM: copy.distanceM,
      elevationGainM: copy.elevationGainM,
      energyKcal: copy.energyKcal,
      avgHeartRateBpm: copy.avgHeartRateBpm,
      maxHeartRateBpm: copy.maxHeartRateBpm,
      avgPowerW: copy.avgPowerW,
      isPrimary: copy.id === primaryId,
    }))
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.source.localeCompare(b.source));
  const byId = new Map(copies.map((copy) => [copy.id, copy]));
  const order = (id: string) => copies.findIndex((copy) => copy.id === id);
  const links = (await findLinksTouching(db, { userId, ids: copies.map((copy) => copy.id) }))
    .filter((link) => byId.has(link.activityId) && byId.has(link.otherActivityId))
    .map((link) => {
      const [first, second] = [link.activityId, link.otherActivityId].sort((a, b) => order(a) - order(b));
      const side = (id: string) => ({ sourceName: byId.get(id)!.source, name: byId.get(id)!.name });
      return {
        activityId: link.activityId,
        otherActivityId: link.otherActivityId,
        method: link.method,
        explanation: explainLink(side(first!), side(second!), link),
      };
    });
  return {
    activityId: row.id,
    primaryId,
    copies,
    alsoOn: [...new Set(copies.filter((copy) => copy.id !== row.id).map((copy) => copy.source))],
    links,
  };
}
