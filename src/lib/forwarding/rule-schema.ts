import { z } from "zod";
import { CONFLICT_STRATEGIES } from "@/lib/db/schema";
import { ACTIVITY_TYPES } from "@/lib/sync/activity-types";

// A forwarding rule as the API and the Settings form send it. Dates are a calendar day (UTC:
// a start date from its first instant, an end date through its last) or an ISO instant.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const dateInput = (edge: "start" | "end") =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: "must be a date (YYYY-MM-DD) or an ISO 8601 instant",
    })
    .transform((value) =>
      DAY.test(value) ? new Date(`${value}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z`) : new Date(value),
    )
    .nullable();

const connectionId = z.uuid({ error: "must be a connection id (UUID)" });

const ruleFields = {
  sourceConnectionId: connectionId,
  destinationConnectionId: connectionId,
  /** Normalized activity types; empty means every type. */
  activityTypes: z.array(z.enum(ACTIVITY_TYPES)).max(ACTIVITY_TYPES.length),
  startDate: dateInput("start"),
  endDate: dateInput("end"),
  conflictStrategy: z.enum(CONFLICT_STRATEGIES),
  enabled: z.boolean(),
};

export const datesInOrder = (rule: { startDate?: Date | null; endDate?: Date | null }) =>
  !rule.startDate || !rule.endDate || rule.startDate <= rule.endDate;
export const DATES_IN_ORDER = { path: ["endDate"], error: "must be on or after startDate" };

export const ruleInputSchema = z
  .strictObject({
    ...ruleFields,
    activityTypes: ruleFields.activityTypes.default([]),
    startDate: ruleFields.startDate.default(null),
    endDate: ruleFields.endDate.default(null),
    conflictStrategy: ruleFields.conflictStrategy.default("skip_existing"),
    enabled: ruleFields.enabled.default(true),
  })
  .refine(datesInOrder, DATES_IN_ORDER);
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** A change: any of the fields; the dates are checked again against the rule's others when merged. */
export const ruleChangesSchema = z.strictObject(ruleFields).partial().refine(datesInOrder, DATES_IN_ORDER);
export type RuleChanges = z.infer<typeof ruleChangesSchema>;

export const runRequestSchema = z.strictObject({
  ruleId: z.uuid({ error: "must be a forwarding rule id (UUID)" }),
  /** true: the plan is returned and nothing is sent. */
  dryRun: z.boolean().default(false),
  /** Plan pairs the log already decided again (a second copy is the provider's to refuse). */
  force: z.boolean().default(false),
});

export const ruleIdSchema = z.object({ id: z.uuid({ error: "must be a forwarding rule id (UUID)" }) });
