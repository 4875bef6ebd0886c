import { z } from "zod";
import type { Database } from "@/lib/db";
import { findForwardingRule, listRulesFromSource } from "@/lib/db/queries/forwarding-rules";
import { recordJobProgress } from "@/lib/db/queries/sync-jobs";
import type { ForwardingRule, SyncJob } from "@/lib/db/schema";
import { getFileStore } from "@/lib/files";
import { emptyCounts, type UpsertCounts } from "@/lib/sync/records";
import type { SyncRunOptions, SyncRunResult } from "@/lib/sync/run-sync";
import { executeForwarding, type RunItem } from "./execute";
import { planForwarding, type ForwardingPlan } from "./plan";

// A 'forward' job: the runs of one source account's rules, queued after each of its syncs (every
// enabled rule), on demand (the named rules, even a disabled one), or when a failed upload's
// backoff ends. It runs on the source's connection, so never while that account syncs.

export const forwardJobPayloadSchema = z.object({
  /** The rules to run; none means every enabled rule of the source account. */
  ruleIds: z.array(z.uuid()).optional(),
  /** Rules run with --force: their logged pairs are planned again. */
  forceRuleIds: z.array(z.uuid()).optional(),
  reason: z.string().optional(),
});
export type ForwardJobPayload = z.infer<typeof forwardJobPayloadSchema>;

async function rulesOf(db: Database, job: SyncJob, payload: ForwardJobPayload): Promise<ForwardingRule[]> {
  if (!payload.ruleIds) return listRulesFromSource(db, { userId: job.userId, connectionId: job.connectionId! });
  const rules = await Promise.all(
    payload.ruleIds.map((ruleId) => findForwardingRule(db, { userId: job.userId, ruleId })),
  );
  // A rule deleted, or moved to another source, since it was queued is not this job's.
  return rules.filter((rule): rule is ForwardingRule => rule?.sourceConnectionId === job.connectionId);
}

/** What a run's outcomes add to the job's counts, as the Settings page reads them. */
function countOutcomes(items: readonly RunItem[]): UpsertCounts {
  const counts = emptyCounts();
  for (const item of items) {
    if (item.outcome === "uploaded" || item.outcome === "replaced") counts.inserted += 1;
    else if (item.outcome === "failed") counts.rejected += 1;
    else counts.unchanged += 1;
  }
  return counts;
}

/**
 * Plans every rule first, so the job's progress says n of m over all of them, then executes
 * each plan exactly. One rule failing as a whole (its destination needs reconnecting) leaves
 * the others to run; the job then ends partial with that rule's reason.
 */
export async function runForwardJob(db: Database, job: SyncJob, options: SyncRunOptions): Promise<SyncRunResult> {
  const payload = forwardJobPayloadSchema.parse(job.payload);
  const forced = new Set(payload.forceRuleIds ?? []);
  const errors: string[] = [];
  const plans: ForwardingPlan[] = [];
  for (const rule of await rulesOf(db, job, payload)) {
    try {
      plans.push(await planForwarding(db, { rule, force: forced.has(rule.id) }));
    } catch (error) {
      errors.push(`Rule ${rule.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const total = plans.reduce((sum, plan) => sum + plan.items.length, 0);
  const none = emptyCounts();
  await recordJobProgress(db, { jobId: job.id, counts: none, progress: { done: 0, total } });

  const counts = emptyCounts();
  let done = 0;
  for (const plan of plans) {
    const offset = done;
    try {
      const items = await executeForwarding(db, plan, {
        store: options.fileStore ?? getFileStore(),
        appUrl: options.appUrl,
        sleep: options.sleep,
        jobId: job.id,
        onProgress: (n) =>
          recordJobProgress(db, { jobId: job.id, counts: none, progress: { done: offset + n, total } }),
      });
      const ran = countOutcomes(items);
      await recordJobProgress(db, { jobId: job.id, counts: ran });
      for (const key of Object.keys(counts) as (keyof UpsertCounts)[]) counts[key] += ran[key];
      const failed = items.filter((item) => item.outcome === "failed").length;
      if (failed) errors.push(`${failed} upload${failed === 1 ? "" : "s"} failed; see the forwarding log.`);
    } catch (error) {
      errors.push(`Rule ${plan.ruleId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    done = offset + plan.items.length;
  }
  return { counts, status: errors.length ? "partial" : "succeeded", error: errors.join(" ") || null };
}
