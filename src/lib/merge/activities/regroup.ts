import type { Database } from "@/lib/db/client";
import { findGroupMembers, findLinksTouching } from "@/lib/db/queries/activity-links";
import { saveLinksAndMoves } from "@/lib/db/queries/link-candidates";
import { findSourcePriorities } from "@/lib/db/queries/source-priorities";
import { choosePrimary } from "./choose-primary";
import { connectedGroups } from "./components";
import type { SourcePriorities } from "./priorities";
import type { GroupMember } from "./types";

/**
 * Which rows point at a new primary once the groups of `members` match `links` again: every
 * connected set becomes one group with its primary chosen by the person's source order, and a
 * row left without links is shown on its own. `members` must hold whole groups.
 */
export function planRegroup(
  members: readonly GroupMember[],
  links: readonly [string, string][],
  priorities: SourcePriorities,
): Array<{ id: string; mergedIntoId: string | null }> {
  const byId = new Map(members.map((member) => [member.id, member]));
  const moves: Array<{ id: string; mergedIntoId: string | null }> = [];
  for (const group of connectedGroups([...byId.keys()], links)) {
    const rows = group.map((id) => byId.get(id)!);
    const primary = rows.length > 1 ? choosePrimary(rows, priorities) : undefined;
    for (const row of rows) {
      const target = primary && row.id !== primary.id ? primary.id : null;
      if (row.mergedIntoId !== target) moves.push({ id: row.id, mergedIntoId: target });
    }
  }
  return moves;
}

/**
 * Makes the groups headed by `primaryIds` match their stored links again (planRegroup), in one
 * read of their rows, one of their links and one write.
 */
export async function regroup(
  db: Database,
  params: { userId: string; primaryIds: string[]; priorities?: SourcePriorities },
): Promise<void> {
  const { userId } = params;
  const members = await findGroupMembers(db, { userId, primaryIds: [...new Set(params.primaryIds)] });
  if (members.length === 0) return;
  const links = await findLinksTouching(db, { userId, ids: members.map((member) => member.id) });
  const priorities = params.priorities ?? (await findSourcePriorities(db, { userId }));
  const moves = planRegroup(
    members,
    links.map((link) => [link.activityId, link.otherActivityId]),
    priorities,
  );
  await saveLinksAndMoves(db, { userId, links: [], moves });
}
