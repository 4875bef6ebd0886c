import type { Database } from "@/lib/db";
import { clearStreamStatus, getConnectionOrThrow } from "@/lib/db/queries/connections";
import type { SyncJob } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { enqueueConnectionSync } from "@/lib/jobs";
import { getSourceOrThrow } from "@/lib/providers/sources";
import { selectionPayload } from "@/lib/sync/stream-selection";

/**
 * The person asks for a refused stream again ("Try Distance again"): its refusal is forgotten,
 * so syncs stop skipping it, and a sync of that stream alone is queued now. Only the owner's
 * connection; a stream the provider does not have is refused by name.
 */
export async function askForStreamAgain(
  db: Database,
  params: { userId: string; connectionId: string; stream: string },
): Promise<{ job: SyncJob; isNew: boolean }> {
  const connection = await getConnectionOrThrow(db, { userId: params.userId, connectionId: params.connectionId });
  const provider = getSourceOrThrow(connection.provider);
  if (!provider.sync?.streams.some((stream) => stream.key === params.stream)) {
    throw new AppError("INVALID_INPUT", `stream: ${provider.name} has no stream "${params.stream}".`);
  }
  await clearStreamStatus(db, params);
  return enqueueConnectionSync(db, {
    userId: params.userId,
    connectionId: params.connectionId,
    reason: "ask-again",
    payload: selectionPayload([params.stream]),
  });
}
