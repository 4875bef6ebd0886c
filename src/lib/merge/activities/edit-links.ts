import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { deleteLinksBetween, findGroupMembers, insertActivityLinks } from "@/lib/db/queries/activity-links";
import { saveDecision } from "@/lib/db/queries/link-decisions";
import { activities } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { lockActivityMerging } from "./lock";
import { measureApart } from "./match";
import { regroup } from "./regroup";
import type { MatchRow } from "./types";

async function findOwnRows(db: Database, userId: string, ids: string[]): Promise<MatchRow[]> {
  const rows = await db
    .select({
      id: activities.id,
      provider: activities.provider,
      externalId: activities.externalId,
      type: activities.type,
      name: activities.name,
      startAt: activities.startAt,
      durationS: activities.durationS,
      distanceM: activities.distanceM,
      mergedIntoId: activities.mergedIntoId,
    })
    .from(activities)
    .where(and(eq(activities.userId, userId), inArray(activities.id, ids)));
  if (rows.length !== new Set(ids).size) throw new AppError("NOT_FOUND", "No such activity.");
  return rows.map((row) => ({ ...row, raw: null }));
}

/**
 * Takes an activity out of its group: it is shown on its own again, and the person's split is
 * kept by source and source id, so no re-sync links it to any of those rows again.
 */
export async function splitActivity(db: Database, params: { userId: string; activityId: string }): Promise<void> {
  const { userId } = params;
  await db.transaction(async (tx) => {
    await lockActivityMerging(tx, userId);
    const [row] = await findOwnRows(tx, userId, [params.activityId]);
    const primaryId = row!.mergedIntoId ?? row!.id;
    const others = (await findGroupMembers(tx, { userId, primaryIds: [primaryId] })).filter(
      (member) => member.id !== row!.id,
    );
    if (others.length === 0) throw new AppError("INVALID_INPUT", "activityId: this activity is not linked to another.");
    for (const other of others) await saveDecision(tx, { userId, decision: "split", a: row!, b: other });
    await deleteLinksBetween(tx, { userId, id: row!.id, otherIds: others.map((other) => other.id) });
    await regroup(tx, { userId, primaryIds: [primaryId] });
  });
}

/** Links two activities by hand: one from then on, whatever a re-sync finds. */
export async function joinActivities(
  db: Database,
  params: { userId: string; activityId: string; otherActivityId: string },
): Promise<void> {
  const { userId } = params;
  if (params.activityId === params.otherActivityId)
    throw new AppError("INVALID_INPUT", "otherActivityId: must be another activity.");
  await db.transaction(async (tx) => {
    await lockActivityMerging(tx, userId);
    const rows = await findOwnRows(tx, userId, [params.activityId, params.otherActivityId]);
    const row = rows.find((item) => item.id === params.activityId)!;
    const other = rows.find((item) => item.id === params.otherActivityId)!;
    await saveDecision(tx, { userId, decision: "join", a: row, b: other });
    await insertActivityLinks(tx, {
      userId,
      links: [
        {
          activityId: row.id,
          otherActivityId: other.id,
          method: "manual",
          evidence: { ...measureApart(row, other), score: null },
        },
      ],
    });
    await regroup(tx, { userId, primaryIds: [row.mergedIntoId ?? row.id, other.mergedIntoId ?? other.id] });
  });
}
