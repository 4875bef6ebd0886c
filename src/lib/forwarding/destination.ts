import type { Database } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { openTokens } from "@/lib/connections/credentials";
import { AppError } from "@/lib/errors";
import { getSourceOrThrow } from "@/lib/providers/sources";
import { createSyncFetch } from "@/lib/sync/sync-fetch";
import type { ProviderUploads, UploadContext } from "./types";

/**
 * The destination account's upload side: its provider's `uploads` and a fetch authorized as
 * that account, with the same token refresh, pacing and 429 handling a sync gets. Either
 * registry: an OAuth provider (Strava) or a password-linked account (Garmin Connect), whose
 * tokens sourceAuth (inside createSyncFetch) renews its own way.
 */
export async function openDestination(
  db: Database,
  params: { userId: string; connectionId: string; appUrl?: string; sleep?: (ms: number) => Promise<void> },
): Promise<{ uploads: ProviderUploads; context: UploadContext }> {
  const connection = await getConnectionOrThrow(db, { userId: params.userId, connectionId: params.connectionId });
  const provider = getSourceOrThrow(connection.provider);
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
