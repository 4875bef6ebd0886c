import type { Database } from "@/lib/db/client";
import { listGroupPrimaryIds } from "@/lib/db/queries/activity-links";
import { saveLinkPass } from "@/lib/db/queries/link-passes";
import { deleteSourcePriority, findSourcePriorities, saveSourcePriority } from "@/lib/db/queries/source-priorities";
import { lockActivityMerging } from "./lock";
import { regroup } from "./regroup";

/**
 * Saves the person's order of sources for one sport (or ANY_SPORT), or forgets it with an
 * empty list, and re-chooses the primary of every group they have at once. The linking pass
 * over their history is asked for again too (link-history), so rows never linked are linked
 * and their groups' primaries follow the new order.
 */
export async function setSourceOrder(
  db: Database,
  params: { userId: string; sport: string; providers: string[] },
): Promise<void> {
  const { userId, sport } = params;
  await db.transaction(async (tx) => {
    await lockActivityMerging(tx, userId);
    if (params.providers.length === 0) await deleteSourcePriority(tx, { userId, sport });
    else await saveSourcePriority(tx, { userId, sport, providers: [...new Set(params.providers)] });
    const priorities = await findSourcePriorities(tx, { userId });
    await regroup(tx, { userId, primaryIds: await listGroupPrimaryIds(tx, { userId }), priorities });
    await saveLinkPass(tx, { userId, cursor: null, isFinished: false });
  });
}
