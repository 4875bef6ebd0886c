import { eq } from "drizzle-orm";
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

/**
 * Every decision that names any of `keys`, on either side. A person makes decisions by hand,
 * a few dozen at most, so all of theirs are read (one index range) and filtered here: far
 * cheaper than a condition per key for a page of hundreds of rows.
 */
export async function findDecisionsNaming(db: Database, params: { userId: string; keys: SourceKey[] }) {
  if (params.keys.length === 0) return [];
  const named = new Set(params.keys.map((key) => `${key.provider}\u0000${key.externalId}`));
  const all = await db.select().from(activityLinkDecisions).where(eq(activityLinkDecisions.userId, params.userId));
  return all.filter(
    (decision) =>
      named.has(`${decision.providerA}\u0000${decision.externalIdA}`) ||
      named.has(`${decision.providerB}\u0000${decision.externalIdB}`),
  );
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
