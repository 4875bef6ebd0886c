import type { Database } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { openTokens } from "@/lib/connections/credentials";
import { AppError } from "@/lib/errors";
import { getProviderOrThrow } from "@/lib/providers";
import { createSyncFetch } from "@/lib/sync/sync-fetch";
import type { ProviderUploads, UploadContext } from "./types";

/**
 * The destination account's upload side: its provider's `uploads` and a fetch authorized as
 * that account, with the same token refresh, pacing and 429 handling a sync gets.
 */
export async function openDestination(
  db: Database,
  params: { userId: string; connectionId: string; appUrl?: string; sleep?: (ms: number) => Promise<void> },
): Promise<{ uploads: ProviderUploads; context: UploadContext }> {
  const connection = await getConnectionOrThrow(db, { userId: params.userId, connectionId: params.connectionId });
  const provider = getProviderOrThrow(connection.provider);
  if (!provider.uploads) throw new AppError("INVALID_INPUT", `${provider.name} does not accept uploads.`);
  const { fetch } = createSyncFetch({
    db,
    provider,
    connection,
    tokens: openTokens(connection),
    appUrl: params.appUrl,
    sleep: params.sleep,
  });
  return { uploads: provider.uploads, context: { fetch, scopes: connection.scopes } };
}
