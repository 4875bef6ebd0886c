import type { Database } from "@/lib/db";
import { findNextRetryAt } from "@/lib/db/queries/forwarding-log";
import { listRulesFromSource } from "@/lib/db/queries/forwarding-rules";
import type { ForwardingRule, SyncJob } from "@/lib/db/schema";
import type { ForwardJobPayload } from "@/lib/forwarding/run-forward-job";
import { enqueueConnectionSync } from "./index";

// When forwarding runs: after each sync of a rule's source account that brought its data in, on
// demand, and when the backoff of a failed upload ends. Each is a 'forward' job on the source's
// connection; a second request while one is queued joins it (sync-jobs.ts mergeIntoJob).

// Kinds that bring a connection's activities in (a weight walk does not; a forwarding run forwards).
const SYNC_KINDS = new Set(["sync", "backfill", "webhook", "push"]);

/** A rule's run now (or several of one source's), e.g. from "Run now" or the API. */
export function enqueueForwardingRun(
  db: Database,
  params: { userId: string; rule: Pick<ForwardingRule, "id" | "sourceConnectionId">; force?: boolean },
) {
  const payload: ForwardJobPayload = {
    ruleIds: [params.rule.id],
    ...(params.force ? { forceRuleIds: [params.rule.id] } : {}),
  };
  return enqueueConnectionSync(db, {
    userId: params.userId,
    connectionId: params.rule.sourceConnectionId,
    kind: "forward",
    payload,
    reason: "on_demand",
  });
}

/**
 * What follows a finished job: a sync that brought the source's data in queues its enabled
 * rules; a forwarding run whose failed uploads wait on a backoff queues the next run for then.
 */
export async function enqueueForwardingAfter(
  db: Database,
  job: Pick<SyncJob, "userId" | "connectionId" | "kind">,
  status: "succeeded" | "partial",
): Promise<void> {
  if (!job.connectionId) return;
  const rules = await listRulesFromSource(db, { userId: job.userId, connectionId: job.connectionId });
  if (!rules.length) return;
  if (SYNC_KINDS.has(job.kind)) {
    await enqueueConnectionSync(db, {
      userId: job.userId,
      connectionId: job.connectionId,
      kind: "forward",
      reason: `after_${job.kind}`,
    });
    return;
  }
  if (job.kind !== "forward" || status !== "partial") return;
  const runAfter = await findNextRetryAt(db, {
    userId: job.userId,
    ruleIds: rules.map((rule) => rule.id),
    after: new Date(),
  });
  if (runAfter)
    await enqueueConnectionSync(db, {
      userId: job.userId,
      connectionId: job.connectionId,
      kind: "forward",
      reason: "retry",
      runAfter,
    });
}
