import type { LogEntryWithActivity } from "@/lib/db/queries/forwarding-log";
import type { ForwardingRule, SyncJob } from "@/lib/db/schema";
import { toJobView } from "@/lib/jobs/job-view";
import type { ForwardingPlan } from "./plan";
import { forwardJobPayloadSchema } from "./run-forward-job";

// Rules, plans and runs as the JSON API and the Settings page show them.

export function toRuleView(rule: ForwardingRule) {
  return {
    id: rule.id,
    sourceConnectionId: rule.sourceConnectionId,
    destinationConnectionId: rule.destinationConnectionId,
    activityTypes: rule.activityTypes,
    startDate: rule.startDate?.toISOString() ?? null,
    endDate: rule.endDate?.toISOString() ?? null,
    conflictStrategy: rule.conflictStrategy,
    enabled: rule.isEnabled,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
  };
}
export type RuleView = ReturnType<typeof toRuleView>;

/** A dry run: what a real run would do, item by item (the log's internal bookkeeping left out). */
export function toPlanView(plan: ForwardingPlan) {
  return {
    ruleId: plan.ruleId,
    sourceConnectionId: plan.sourceConnectionId,
    destinationConnectionId: plan.destinationConnectionId,
    destinationProvider: plan.destinationProvider,
    force: plan.force,
    items: plan.items.map(({ seen: _seen, ...item }) => ({ ...item, attempts: _seen?.attempts ?? 0 })),
  };
}
export type PlanView = ReturnType<typeof toPlanView>;

export function toLogEntryView(entry: LogEntryWithActivity) {
  return {
    id: entry.id,
    ruleId: entry.ruleId,
    sourceActivityId: entry.sourceActivityId,
    activity: { name: entry.activity.name, type: entry.activity.type, startAt: entry.activity.startAt.toISOString() },
    destinationConnectionId: entry.destinationConnectionId,
    decision: entry.decision,
    matchedActivityId: entry.matchedActivityId,
    matchedExternalId: entry.matchedExternalId,
    uploadId: entry.uploadId,
    /** The provider's message for a failure, or why it was skipped. */
    message: entry.message,
    attempts: entry.attempts,
    nextAttemptAt: entry.nextAttemptAt?.toISOString() ?? null,
    updatedAt: entry.updatedAt.toISOString(),
  };
}
export type LogEntryView = ReturnType<typeof toLogEntryView>;

/** A forwarding run: its job (status, progress n of m, counts) and the decisions it made. */
export function toRunView(job: SyncJob, entries: readonly LogEntryWithActivity[]) {
  const payload = forwardJobPayloadSchema.safeParse(job.payload);
  return {
    job: toJobView(job),
    /** The rules it ran; null for every enabled rule of its source account. */
    ruleIds: payload.success ? (payload.data.ruleIds ?? null) : null,
    reason: payload.success ? (payload.data.reason ?? null) : null,
    entries: entries.filter((entry) => entry.jobId === job.id).map(toLogEntryView),
  };
}
export type RunView = ReturnType<typeof toRunView>;
