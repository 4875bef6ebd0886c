import { and, eq, or, type SQL } from "drizzle-orm";
import type { Database } from "../client";
import { activityLinkDecisions, type LinkDecision } from "../schema";

export interface SourceKey {
  provider: string;
  externalId: string;
}

/** The pair in its stored order: by source, then by the source's id. */
export function orderPair(a: SourceKey, b: SourceKey): [SourceKey, SourceKey] {
  const before = a.provider < b.provider || (a.provider === b.provider && a.externalId < b.externalId);
  return before ? [a, b] : [b, a];
}

/** Every decision that names any of `keys`, on either side. */
export async function findDecisionsNaming(db: Database, params: { userId: string; keys: SourceKey[] }) {
  if (params.keys.length === 0) return [];
  const sides: SQL[] = params.keys.flatMap((key) => [
    and(eq(activityLinkDecisions.providerA, key.provider), eq(activityLinkDecisions.externalIdA, key.externalId))!,
    and(eq(activityLinkDecisions.providerB, key.provider), eq(activityLinkDecisions.externalIdB, key.externalId))!,
  ]);
  return db
    .select()
    .from(activityLinkDecisions)
    .where(and(eq(activityLinkDecisions.userId, params.userId), or(...sides)));
}

/** Records (or turns around) the person's decision on one pair. */
export async function saveDecision(
  db: Database,
  params: { userId: string; decision: LinkDecision; a: SourceKey; b: SourceKey },
) {
  const [first, second] = orderPair(params.a, params.b);
  await db
    .insert(activityLinkDecisions)
    .values({
      userId: params.userId,
      decision: params.decision,
      providerA: first.provider,
      externalIdA: first.externalId,
      providerB: second.provider,
      externalIdB: second.externalId,
    })
    .onConflictDoUpdate({
      target: [
        activityLinkDecisions.userId,
        activityLinkDecisions.providerA,
        activityLinkDecisions.externalIdA,
        activityLinkDecisions.providerB,
        activityLinkDecisions.externalIdB,
      ],
      set: { decision: params.decision, updatedAt: new Date() },
    });
}
