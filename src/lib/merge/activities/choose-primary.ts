import { sourceOrderFor, sourceRank, type SourcePriorities } from "./priorities";
import type { GroupMember } from "./types";

/**
 * The row a group of copies is shown as: the first in the person's source order for its sport,
 * then the richer row (more of the summary's measurements), then the one we had first.
 */
export function choosePrimary(members: readonly GroupMember[], priorities: SourcePriorities): GroupMember {
  const ranked = members.map((member) => ({
    member,
    rank: sourceRank(sourceOrderFor(priorities, member.type), member.provider),
  }));
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.member.richness - a.member.richness ||
      a.member.createdAt.getTime() - b.member.createdAt.getTime() ||
      a.member.id.localeCompare(b.member.id),
  );
  return ranked[0]!.member;
}
