import { getEnv } from "@/env";
import type { Database } from "@/lib/db";
import { pauseConnection } from "@/lib/db/queries/connections";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getSourceOrThrow, type SourceDefinition } from "@/lib/providers/sources";
import { refreshIfDue } from "./refresh";
import type { AuthorizedFetch, ConnectionAccess } from "./connection-access";
import { sourceAuth } from "./source-auth";

export type { AuthorizedFetch, ConnectionAccess } from "./connection-access";

// Requests on one connection's behalf outside a sync (a workout sent to its calendar, weigh-ins
// forwarded to it): routed and authorized like the sync's, whichever registry the connection's
// provider is in (an OAuth app or an account linked by password).

/**
 * Refuses before any request when the person stopped the account or the provider told us to
 * back off (a 429 to a password-linked account pauses every request to it, README).
 */
function assertReachable(connection: ProviderConnection, source: SourceDefinition, now: number): void {
  if (connection.syncStoppedAt)
    throw new AppError(
      "CONFLICT",
      `Requests to this ${source.name} account are stopped; resume syncing on its card to send to it.`,
      { connectionId: connection.id },
    );
  if (connection.pausedUntil && connection.pausedUntil.getTime() > now)
    throw new AppError(
      "RATE_LIMITED",
      `${source.name} asked us to pause requests to this account until ${connection.pausedUntil.toISOString()}.`,
      { retryAt: connection.pausedUntil.toISOString() },
    );
}

/**
 * The connection's source and an authorized fetch: the token refreshed when due, and once more
 * when the provider refuses it (401, or its own way of saying so) before its time.
 */
export async function openConnectionFetch(
  db: Database,
  connection: ProviderConnection,
  options: { appUrl?: string; now?: number } = {},
): Promise<ConnectionAccess & { source: SourceDefinition }> {
  const source = getSourceOrThrow(connection.provider);
  assertReachable(connection, source, options.now ?? Date.now());
  const auth = await sourceAuth(db, source, options.appUrl);
  let tokens = await refreshIfDue(db, connection, { appUrl: options.appUrl });

  const isRefused = async (response: Response) => {
    if (response.status === 401) return true;
    if (!auth.isAccessTokenRefused || !response.headers.get("content-type")?.includes("json")) return false;
    return auth.isAccessTokenRefused(
      response.status,
      await response
        .clone()
        .json()
        .catch(() => null),
    );
  };
  // A provider that blocks rather than meters (password-linked accounts) is left alone for hours
  // after a 429, as the sync leaves it (sync-fetch.ts): the reply is still the caller's to read.
  const noteRateLimit = async (response: Response) => {
    if (response.status === 429 && source.sync?.onRateLimit === "pause")
      await pauseConnection(db, {
        connectionId: connection.id,
        baseHours: getEnv().QT_CREDENTIAL_BACKOFF_HOURS,
        now: new Date(),
        reason: `${source.name} answered HTTP 429 (too many requests).`,
      });
    return response;
  };
  const fetch: AuthorizedFetch = async (realUrl, init) => {
    const response = await auth.fetch(realUrl, { ...init, accessToken: tokens.accessToken });
    if (!(await isRefused(response))) return noteRateLimit(response);
    await response.body?.cancel();
    tokens = await refreshIfDue(db, connection, { appUrl: options.appUrl, refused: tokens });
    return noteRateLimit(await auth.fetch(realUrl, { ...init, accessToken: tokens.accessToken }));
  };
  return {
    source,
    fetch,
    // The tokens in use now: a refusal may have replaced them since.
    get tokens() {
      return tokens;
    },
  };
}
