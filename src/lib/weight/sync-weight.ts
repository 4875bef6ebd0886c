import { ZodError } from "zod";
import { openTokens } from "@/lib/connections/credentials";
import type { Database } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { upsertRecordBatch } from "@/lib/db/queries/records";
import { getSyncJob, markJobWaiting, recordJobProgress, setJobPayloadValue } from "@/lib/db/queries/sync-jobs";
import type { SyncJob } from "@/lib/db/schema";
import { AppError, hasErrorCode } from "@/lib/errors";
import { getProviderOrThrow } from "@/lib/providers";
import type { WeightHistory } from "@/lib/providers/weight-types";
import { addCounts, emptyCounts } from "@/lib/sync/records";
import type { SyncRunOptions, SyncRunResult } from "@/lib/sync/run-sync";
import { classifyStreamError, malformedPayloadError, StreamStoppedError } from "@/lib/sync/stream-outcome";
import { watchRefusals } from "@/lib/sync/stream-refusal";
import { createSyncFetch } from "@/lib/sync/sync-fetch";
import { nextWeightWindow, weightJobPayloadSchema, weightProgress } from "./weight-windows";

/**
 * A failed request as the job should end: a refusal the provider answered (a 4xx) or a page we
 * cannot read stops the walk for good with the provider's words; the rest (a 5xx after its
 * retries, a network error, an expired grant, a long rate-limit wait) is thrown as it came, for
 * the job to retry or wait out.
 */
async function asJobError(error: unknown, refused: ReturnType<typeof watchRefusals>, providerName: string) {
  const cause = error instanceof ZodError ? malformedPayloadError(providerName, "weight", error) : error;
  const classified = await classifyStreamError(cause, refused.latestRefusal(), new Date());
  if (!(classified instanceof StreamStoppedError)) return classified;
  const { state, httpStatus, message } = classified.status;
  return new AppError(
    state === "failed" ? "PROVIDER_MALFORMED_PAYLOAD" : "PROVIDER_REFUSED",
    state === "failed"
      ? (message ?? "unreadable")
      : `${providerName} refused the weight list (HTTP ${httpStatus}): ${message}`,
  );
}

/**
 * Runs a weight job: the person's height first (for BMI), then the provider's weigh-ins window
 * by window from the newest back to where the scope reaches. Each window's rows, the job's
 * cursor and its counts commit in one transaction, so a job stopped anywhere (a crash, a retry,
 * a long 429 given back as WaitUntil) resumes at the window after the last one committed, and a
 * window read twice writes nothing twice. Requests go through the sync's paced fetch.
 */
export async function runWeightSync(db: Database, job: SyncJob, options: SyncRunOptions = {}): Promise<SyncRunResult> {
  const connection = await getConnectionOrThrow(db, { userId: job.userId, connectionId: job.connectionId! });
  const provider = getProviderOrThrow(connection.provider);
  const history: WeightHistory | undefined = provider.weightHistory;
  if (!history) throw new AppError("NOT_FOUND", `${provider.name} has no weight history to sync.`);
  const client = createSyncFetch({
    db,
    provider,
    connection,
    tokens: openTokens(connection),
    appUrl: options.appUrl,
    sleep: options.sleep,
    onWait: (until) => markJobWaiting(db, { jobId: job.id, until }),
  });
  if (!history.canRead(client.tokens()))
    throw new AppError(
      "PROVIDER_SCOPE_MISSING",
      `${provider.name} was connected without access to weight; reconnect it and leave weight ticked.`,
    );
  const refused = watchRefusals(client.fetch);
  const context = { fetch: refused.fetch, tokens: client.tokens };
  const owner = {
    userId: connection.userId,
    connectionId: connection.id,
    provider: provider.slug,
    sourceId: connection.externalUserId,
  };
  const fetchOrStop = <T>(request: () => Promise<T>) =>
    request().catch(async (error: unknown) => {
      throw await asJobError(error, refused, provider.name);
    });

  // A provider that refuses the height list still has weigh-ins; their BMI then comes from the
  // height set in Preferences.
  const height = await fetchOrStop(() => history.fetchHeight(context)).catch((error: unknown) => {
    if (hasErrorCode(error, "PROVIDER_REFUSED")) return null;
    throw error;
  });
  // Not counted as the job's rows: the height only serves the weigh-ins' BMI.
  if (height) await upsertRecordBatch(db, owner, { samples: [height] });

  const totals = emptyCounts();
  for (;;) {
    // Read afresh each window: a "Sync all" that joined this job widened its scope.
    const current = await getSyncJob(db, { jobId: job.id });
    const payload = weightJobPayloadSchema.parse(current?.payload);
    const window = nextWeightWindow(payload, history);
    if (!window) break;
    const records = await fetchOrStop(() => history.fetchWindow(context, window));
    await db.transaction(async (tx) => {
      const counts = await upsertRecordBatch(tx, owner, { bodyMeasurements: records });
      await setJobPayloadValue(tx, { jobId: job.id, key: "cursor", value: window.from });
      const progress = weightProgress({ ...payload, cursor: window.from }, history);
      await recordJobProgress(tx, {
        jobId: job.id,
        counts,
        progress: { done: Math.round((progress.done / progress.total) * 100), total: 100 },
      });
      addCounts(totals, counts);
    });
  }
  return { counts: totals, status: "succeeded", error: null };
}
