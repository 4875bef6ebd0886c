import type { Database } from "@/lib/db/client";
import { findGroupMembers, findLinksTouching, setMergedInto } from "@/lib/db/queries/activity-links";
import { findSourcePriorities } from "@/lib/db/queries/source-priorities";
import { choosePrimary } from "./choose-primary";
import { connectedGroups } from "./components";
import type { SourcePriorities } from "./priorities";

/**
 * Makes the groups headed by `primaryIds` match their links again: every connected set of rows
 * becomes one group with its primary chosen by the person's source order, and a row left
 * without links is shown on its own. Only rows whose primary changes are written.
 */
export async function regroup(
  db: Database,
  params: { userId: string; primaryIds: string[]; priorities?: SourcePriorities },
): Promise<void> {
  const { userId } = params;
  const members = await findGroupMembers(db, { userId, primaryIds: [...new Set(params.primaryIds)] });
  if (members.length === 0) return;
  const ids = members.map((member) => member.id);
  const links = await findLinksTouching(db, { userId, ids });
  const groups = connectedGroups(
    ids,
    links.map((link) => [link.activityId, link.otherActivityId]),
  );
  const priorities = params.priorities ?? (await findSourcePriorities(db, { userId }));
  const byId = new Map(members.map((member) => [member.id, member]));
  const moves = new Map<string | null, string[]>();
  for (const group of groups) {
    const rows = group.map((id) => byId.get(id)!);
    const primary = rows.length > 1 ? choosePrimary(rows, priorities) : undefined;
    for (const row of rows) {
      const target = primary && row.id !== primary.id ? primary.id : null;
      if (row.mergedIntoId !== target) moves.set(target, [...(moves.get(target) ?? []), row.id]);
    }
  }
  for (const [mergedIntoId, moved] of moves) await setMergedInto(db, { userId, ids: moved, mergedIntoId });
}
