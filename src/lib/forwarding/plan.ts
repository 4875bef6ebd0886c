import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import {
  findForwardedCopies,
  findLogEntries,
  listConnectionActivities,
  type SeenEntry,
} from "@/lib/db/queries/forwarding-log";
import { activityFiles, type ForwardingLogEntry, type ForwardingRule, type ProviderConnection } from "@/lib/db/schema";
import { GENERATED_SUFFIX } from "@/lib/files/build";
import { getSourceOrThrow } from "@/lib/providers/sources";
import { DEFAULT_TOLERANCE_S, findCopy } from "./match";

// What a run would do for each source activity. A dry run returns this; a real run executes it as is.
export const PLAN_ACTIONS = [
  "upload",
  "replace",
  "skip_existing",
  "poll",
  "already_done",
  "waiting_retry",
  "gave_up",
  "no_file",
  "cannot_upload",
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

export interface PlanItem {
  sourceActivityId: string;
  type: string;
  name: string | null;
  startAt: string;
  action: PlanAction;
  /** Why, in words a person can act on. */
  reason: string;
  match?: { activityId: string; externalId: string };
  /** The kept original that is uploaded. */
  file?: { id: string; contentHash: string; format: "fit" | "gpx" | "tcx"; fileName: string | null };
  /** Set instead of `file` when no original is kept: a FIT built from the summary and samples is uploaded. */
  generatedFile?: { format: "fit"; fileName: string };
  uploadId?: string;
  seen?: SeenEntry;
}

export interface ForwardingPlan {
  ruleId: string;
  userId: string;
  sourceConnectionId: string;
  destinationConnectionId: string;
  destinationProvider: string;
  force: boolean;
  items: PlanItem[];
}

/** `2026-11-20-run-<id>-generated.fit`: the day and type for a person, the id for uniqueness. */
const generatedFileName = (source: { id: string; type: string; startAt: Date }) =>
  `${source.startAt.toISOString().slice(0, 10)}-${source.type}-${source.id.slice(0, 8)}${GENERATED_SUFFIX}.fit`;

/**
 * Why nothing may be asked of the destination now, if so: the person stopped its syncing, it
 * must be reconnected, or it is paused after the provider refused too many requests (Garmin
 * Connect blocks hard; asking again while paused only doubles the pause). Nothing is logged for
 * these, so the pair is planned afresh once the account is usable.
 */
function destinationHold(
  destination: Pick<ProviderConnection, "syncStoppedAt" | "status" | "pausedUntil">,
  providerName: string,
  now: Date,
): Pick<PlanItem, "action" | "reason"> | undefined {
  if (destination.syncStoppedAt)
    return {
      action: "cannot_upload",
      reason: `Syncing is stopped for the ${providerName} account; resume it to forward there.`,
    };
  if (destination.status === "needs_reauth" || destination.status === "revoked")
    return { action: "cannot_upload", reason: `Reconnect the ${providerName} account to forward there.` };
  if (destination.pausedUntil && destination.pausedUntil > now)
    return {
      action: "waiting_retry",
      reason: `${providerName} refused too many requests; the account is paused until ${destination.pausedUntil.toISOString()}.`,
    };
  return undefined;
}

const seenOf = (entry: ForwardingLogEntry): SeenEntry => ({
  id: entry.id,
  attempts: entry.attempts,
  decision: entry.decision,
});

/**
 * Plans a rule's run: the source's activities in the rule's range and types, each with what
 * happens to it. The log decides first (never a second upload of one pair unless `force`), then
 * the destination's activities synced into our database decide whether a copy is already there.
 */
export async function planForwarding(
  db: Database,
  params: { rule: ForwardingRule; force?: boolean; toleranceS?: number; now?: Date },
): Promise<ForwardingPlan> {
  const { rule } = params;
  const force = params.force ?? false;
  const now = params.now ?? new Date();
  const toleranceS = params.toleranceS ?? DEFAULT_TOLERANCE_S;
  const destination = await getConnectionOrThrow(db, {
    userId: rule.userId,
    connectionId: rule.destinationConnectionId,
  });
  const destinationSource = getSourceOrThrow(destination.provider);
  const { uploads } = destinationSource;
  const sources = await listConnectionActivities(db, {
    userId: rule.userId,
    connectionId: rule.sourceConnectionId,
    types: rule.activityTypes,
    from: rule.startDate,
    to: rule.endDate,
  });
  const plan: ForwardingPlan = {
    ruleId: rule.id,
    userId: rule.userId,
    sourceConnectionId: rule.sourceConnectionId,
    destinationConnectionId: destination.id,
    destinationProvider: destination.provider,
    force,
    items: [],
  };
  if (!sources.length) return plan;

  const ids = sources.map((source) => source.id);
  const log = await findLogEntries(db, {
    userId: rule.userId,
    destinationConnectionId: destination.id,
    sourceActivityIds: ids,
  });
  const files = await db
    .select()
    .from(activityFiles)
    .where(and(eq(activityFiles.userId, rule.userId), inArray(activityFiles.activityId, ids)))
    .orderBy(asc(activityFiles.createdAt), asc(activityFiles.id));
  const forwardedHere = await findForwardedCopies(db, {
    userId: rule.userId,
    connectionId: rule.sourceConnectionId,
    externalIds: sources.map((source) => source.externalId),
  });
  const marginMs = toleranceS * 1000;
  const copies = await listConnectionActivities(db, {
    userId: rule.userId,
    connectionId: destination.id,
    from: new Date(sources[0]!.startAt.getTime() - marginMs),
    to: new Date(sources.at(-1)!.startAt.getTime() + marginMs),
  });
  const missingScopes = (uploads?.requiredScopes ?? []).filter((scope) => !destination.scopes.includes(scope));
  const held = destinationHold(destination, destinationSource.name, now);

  for (const source of sources) {
    const base = {
      sourceActivityId: source.id,
      type: source.type,
      name: source.name,
      startAt: source.startAt.toISOString(),
    };
    const entry = log.get(source.id);
    const seen = entry ? seenOf(entry) : undefined;
    const add = (item: Omit<PlanItem, keyof typeof base>) => plan.items.push({ ...base, ...item });

    if (forwardedHere.has(source.externalId)) {
      add({ action: "already_done", reason: "A copy forwarding put here; it is not forwarded on.", seen });
      continue;
    }
    if (entry && !force) {
      if (entry.decision === "pending" && entry.uploadId) {
        if (held) {
          add({ ...held, seen });
          continue;
        }
        add({
          action: "poll",
          reason: "An earlier upload was sent; its result is asked for, not sent again.",
          uploadId: entry.uploadId,
          seen,
        });
        continue;
      }
      if (entry.decision === "uploaded" || entry.decision === "replaced" || entry.decision === "skipped_existing") {
        add({ action: "already_done", reason: `Already ${entry.decision.replace("_", " ")}.`, seen });
        continue;
      }
      if (entry.decision === "failed" && !entry.nextAttemptAt) {
        add({
          action: "gave_up",
          reason: `Failed for good: ${entry.message ?? "no reason given"}. Run with force to try again.`,
          seen,
        });
        continue;
      }
      if (entry.decision === "failed" && entry.nextAttemptAt && entry.nextAttemptAt > now) {
        add({
          action: "waiting_retry",
          reason: `Failed (${entry.message ?? "no reason given"}); tried again after ${entry.nextAttemptAt.toISOString()}.`,
          seen,
        });
        continue;
      }
    }
    const copy = findCopy(source, copies, toleranceS);
    const match = copy ? { activityId: copy.id, externalId: copy.externalId } : undefined;
    if (copy && (rule.conflictStrategy === "skip_existing" || !uploads?.deleteActivity)) {
      const why =
        rule.conflictStrategy === "skip_existing"
          ? "A copy is already on the destination."
          : `A copy is already on the destination, and ${destinationSource.name}'s API cannot delete it to replace it.`;
      add({ action: "skip_existing", reason: why, match, seen });
      continue;
    }
    if (!uploads) {
      add({
        action: "cannot_upload",
        reason: `${destinationSource.name} does not accept uploads.`,
        seen,
      });
      continue;
    }
    if (held) {
      add({ ...held, seen });
      continue;
    }
    if (missingScopes.length) {
      add({
        action: "cannot_upload",
        reason: `Reconnect the destination granting ${missingScopes.join(", ")} to upload.`,
        seen,
      });
      continue;
    }
    const file = files.find((row) => row.activityId === source.id && uploads.formats.includes(row.format));
    const sent = file
      ? { file: { id: file.id, contentHash: file.contentHash, format: file.format, fileName: file.fileName } }
      : uploads.formats.includes("fit")
        ? { generatedFile: { format: "fit" as const, fileName: generatedFileName(source) } }
        : undefined;
    if (!sent) {
      add({
        action: "no_file",
        reason: `No original file is kept for this activity, and ${destinationSource.name} takes no FIT to generate one.`,
        seen,
      });
      continue;
    }
    // A generated file is said so in the reason: it carries the summary and samples, not the recording.
    const what = sent.file ? "" : " No original is kept, so a FIT generated from its summary and samples is sent.";
    add(
      copy
        ? {
            action: "replace",
            reason: `A copy is on the destination; it is deleted and this one uploaded.${what}`,
            match,
            ...sent,
            seen,
          }
        : { action: "upload", reason: `No copy on the destination.${what}`, ...sent, seen },
    );
  }
  return plan;
}
