import { and, desc, eq } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { Database } from "../client";
import { forwardingRules, type ForwardingRule } from "../schema";
import { getConnectionOrThrow } from "./connections";

export type ForwardingRuleFields = Pick<
  typeof forwardingRules.$inferInsert,
  | "sourceConnectionId"
  | "destinationConnectionId"
  | "activityTypes"
  | "startDate"
  | "endDate"
  | "conflictStrategy"
  | "isEnabled"
>;

/** Both ends must be the user's own accounts, and two different ones. */
async function checkEnds(
  db: Database,
  userId: string,
  fields: { sourceConnectionId: string; destinationConnectionId: string },
) {
  if (fields.sourceConnectionId === fields.destinationConnectionId)
    throw new AppError(
      "INVALID_INPUT",
      "destinationConnectionId: the destination must be another account than the source.",
    );
  await getConnectionOrThrow(db, { userId, connectionId: fields.sourceConnectionId });
  await getConnectionOrThrow(db, { userId, connectionId: fields.destinationConnectionId });
}

export async function createForwardingRule(
  db: Database,
  params: { userId: string; rule: ForwardingRuleFields },
): Promise<ForwardingRule> {
  await checkEnds(db, params.userId, params.rule);
  const [row] = await db
    .insert(forwardingRules)
    .values({ ...params.rule, userId: params.userId })
    .returning();
  return row!;
}

export async function listForwardingRules(db: Database, params: { userId: string }): Promise<ForwardingRule[]> {
  return db
    .select()
    .from(forwardingRules)
    .where(eq(forwardingRules.userId, params.userId))
    .orderBy(desc(forwardingRules.createdAt));
}

export async function findForwardingRule(
  db: Database,
  params: { userId: string; ruleId: string },
): Promise<ForwardingRule | undefined> {
  const [row] = await db
    .select()
    .from(forwardingRules)
    .where(and(eq(forwardingRules.id, params.ruleId), eq(forwardingRules.userId, params.userId)));
  return row;
}

export async function getForwardingRuleOrThrow(
  db: Database,
  params: { userId: string; ruleId: string },
): Promise<ForwardingRule> {
  const row = await findForwardingRule(db, params);
  if (!row) throw new AppError("NOT_FOUND", "No such forwarding rule.");
  return row;
}

export async function updateForwardingRule(
  db: Database,
  params: { userId: string; ruleId: string; changes: Partial<ForwardingRuleFields> },
): Promise<ForwardingRule> {
  const current = await getForwardingRuleOrThrow(db, params);
  await checkEnds(db, params.userId, { ...current, ...params.changes });
  const [row] = await db
    .update(forwardingRules)
    .set({ ...params.changes, updatedAt: new Date() })
    .where(and(eq(forwardingRules.id, params.ruleId), eq(forwardingRules.userId, params.userId)))
    .returning();
  return row!;
}

export async function deleteForwardingRule(db: Database, params: { userId: string; ruleId: string }): Promise<void> {
  const deleted = await db
    .delete(forwardingRules)
    .where(and(eq(forwardingRules.id, params.ruleId), eq(forwardingRules.userId, params.userId)))
    .returning({ id: forwardingRules.id });
  if (!deleted.length) throw new AppError("NOT_FOUND", "No such forwarding rule.");
}

/** The enabled rules that forward from this account, run after each of its syncs. */
export async function listRulesFromSource(
  db: Database,
  params: { userId: string; connectionId: string },
): Promise<ForwardingRule[]> {
  return db
    .select()
    .from(forwardingRules)
    .where(
      and(
        eq(forwardingRules.userId, params.userId),
        eq(forwardingRules.sourceConnectionId, params.connectionId),
        eq(forwardingRules.isEnabled, true),
      ),
    );
}
