import type { Database } from "@/lib/db";
import {
  createForwardingRule,
  getForwardingRuleOrThrow,
  updateForwardingRule,
  type ForwardingRuleFields,
} from "@/lib/db/queries/forwarding-rules";
import type { ForwardingRule } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getSourceOrThrow } from "@/lib/providers/sources";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { datesInOrder, ruleChangesSchema, ruleInputSchema, type RuleChanges } from "./rule-schema";

// Rules from what a person sends (the API, the Settings form): checked once here, for both.

const fieldsOf = (changes: RuleChanges): Partial<ForwardingRuleFields> => {
  const { enabled, ...rest } = changes;
  return { ...rest, ...(enabled === undefined ? {} : { isEnabled: enabled }) };
};

/** A destination must take files, or the rule could never do anything. */
async function checkDestination(db: Database, userId: string, connectionId: string) {
  const connection = await getConnectionOrThrow(db, { userId, connectionId });
  const source = getSourceOrThrow(connection.provider);
  if (!source.uploads)
    throw new AppError("INVALID_INPUT", `destinationConnectionId: ${source.name} does not accept uploads.`);
}

export async function createRuleFromInput(
  db: Database,
  params: { userId: string; input: unknown },
): Promise<ForwardingRule> {
  const input = ruleInputSchema.parse(params.input);
  await checkDestination(db, params.userId, input.destinationConnectionId);
  return createForwardingRule(db, {
    userId: params.userId,
    rule: fieldsOf(input) as ForwardingRuleFields,
  });
}

export async function updateRuleFromInput(
  db: Database,
  params: { userId: string; ruleId: string; input: unknown },
): Promise<ForwardingRule> {
  const changes = ruleChangesSchema.parse(params.input);
  const current = await getForwardingRuleOrThrow(db, params);
  if (!datesInOrder({ startDate: current.startDate, endDate: current.endDate, ...changes }))
    throw new AppError("INVALID_INPUT", "endDate: must be on or after startDate");
  if (changes.destinationConnectionId) await checkDestination(db, params.userId, changes.destinationConnectionId);
  return updateForwardingRule(db, { userId: params.userId, ruleId: params.ruleId, changes: fieldsOf(changes) });
}
