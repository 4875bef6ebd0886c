import type { Database } from "@/lib/db";
import { getForwardingRuleOrThrow } from "@/lib/db/queries/forwarding-rules";
import { executeForwarding, type ExecuteOptions, type RunItem } from "./execute";
import { planForwarding, type ForwardingPlan } from "./plan";

/**
 * One rule's run, for every caller (the job, the API, a CLI): the dry run returns the plan,
 * the real run plans the same way and executes exactly that plan.
 */
export async function runForwardingRule(
  db: Database,
  params: { userId: string; ruleId: string; dryRun: boolean; force?: boolean } & ExecuteOptions,
): Promise<{ plan: ForwardingPlan; results?: RunItem[] }> {
  const rule = await getForwardingRuleOrThrow(db, { userId: params.userId, ruleId: params.ruleId });
  const plan = await planForwarding(db, { rule, force: params.force });
  if (params.dryRun) return { plan };
  return { plan, results: await executeForwarding(db, plan, params) };
}
