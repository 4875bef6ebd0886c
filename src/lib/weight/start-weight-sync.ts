import { z } from "zod";
import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { getSyncJob, setJobPayloadValue } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { enqueueConnectionSync } from "@/lib/jobs";
import { getProviderOrThrow } from "@/lib/providers";
import { WEIGHT_SCOPES, weightThrough } from "./weight-windows";

export const startWeightSyncSchema = z.object({
  scope: z.enum(WEIGHT_SCOPES, { error: 'must be "30d" or "all"' }),
  // Only needed when the person linked two accounts of the provider.
  connectionId: z.uuid({ error: "must be a connection id (UUID)" }).optional(),
});
export type StartWeightSync = z.infer<typeof startWeightSyncSchema>;

// A connection in these states cannot fetch anything until the person reconnects it.
const UNUSABLE = new Set(["needs_reauth", "revoked"]);

/**
 * Queues a walk over the provider's weigh-in history for the person's linked account (or joins
 * the one already queued, widening it to "all" if that is asked for). 404 without a linked
 * account, 409 when it must be reconnected first, 400 naming connectionId when two are linked
 * and none was named.
 */
export async function startWeightSync(
  db: Database,
  params: StartWeightSync & { userId: string; provider: string; now?: Date },
): Promise<{ job: SyncJob; isNew: boolean }> {
  const provider = getProviderOrThrow(params.provider);
  if (!provider.weightHistory) throw new AppError("NOT_FOUND", `${provider.name} has no weight history to sync.`);
  const linked = (await listConnections(db, { userId: params.userId })).filter(
    (connection) => connection.provider === provider.slug,
  );
  const candidates = params.connectionId
    ? linked.filter((connection) => connection.id === params.connectionId)
    : linked;
  if (!candidates.length)
    throw new AppError(
      "NOT_FOUND",
      params.connectionId
        ? `connectionId: no ${provider.name} account of yours has this id.`
        : `No ${provider.name} account is linked; connect one under Settings → Connected sources.`,
    );
  if (candidates.length > 1)
    throw new AppError(
      "INVALID_INPUT",
      `connectionId: ${candidates.length} ${provider.name} accounts are linked; say which.`,
      {
        field: "connectionId",
      },
    );
  const connection = candidates[0]!;
  if (UNUSABLE.has(connection.status))
    throw new AppError("CONFLICT", `${provider.name} must be reconnected before its weight can sync.`);

  const { job, isNew } = await enqueueConnectionSync(db, {
    userId: params.userId,
    connectionId: connection.id,
    kind: "weight",
    reason: "manual",
    payload: { scope: params.scope, through: weightThrough(params.now ?? new Date(), provider.weightHistory) },
  });
  if (isNew || params.scope !== "all" || job.payload.scope === "all") return { job, isNew };
  // "Sync all" joining a "30d" walk: the walk goes on past where it would have stopped.
  await setJobPayloadValue(db, { jobId: job.id, key: "scope", value: "all" });
  return { job: (await getSyncJob(db, { jobId: job.id }))!, isNew };
}
