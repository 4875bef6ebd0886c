import type { Database } from "@/lib/db";
import {
  findConnection,
  lockConnection,
  setConnectionStatus,
  updateConnectionCredentials,
} from "@/lib/db/queries/connections";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { getSourceOrThrow } from "@/lib/providers/sources";
import type { TokenSet } from "@/lib/providers/types";
import { openTokens, sealTokens } from "./credentials";
import { refreshMarginMinutes, sourceAuth } from "./source-auth";

export function isRefreshDue(tokens: TokenSet, marginMinutes = 5, now = Date.now()): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt.getTime() - marginMinutes * 60_000 <= now;
}

// Callers in this process that ask for the same connection at once share one refresh.
// Across processes the row lock below does the same job.
const inFlight = new WeakMap<Database, Map<string, Promise<TokenSet>>>();

/**
 * The connection's tokens, refreshed first when they expire within the provider's margin.
 * Exactly one provider refresh happens however many callers arrive together; all of them
 * get the new token. A refused refresh token marks the connection needs_reauth.
 */
type RefreshOptions = {
  appUrl?: string;
  /**
   * The tokens a request just had refused (a 401, or the provider's own way of saying so):
   * refresh them even if not yet due, unless another caller has since.
   */
  refused?: Pick<TokenSet, "accessToken" | "expiresAt">;
};

export function refreshIfDue(
  db: Database,
  connection: Pick<ProviderConnection, "id" | "provider">,
  options: RefreshOptions = {},
): Promise<TokenSet> {
  let perDb = inFlight.get(db);
  if (!perDb) inFlight.set(db, (perDb = new Map()));
  const pending = perDb.get(connection.id);
  if (pending) return pending;
  const work = refreshUnderLock(db, connection, options).finally(() => perDb.delete(connection.id));
  perDb.set(connection.id, work);
  return work;
}

/**
 * Whether the stored tokens are still the ones a request had refused. A second caller refused
 * at the same time finds them changed and refreshes nothing: a new access token, or (COROS,
 * whose refresh only extends the same token) the same one with a later expiry.
 */
function isSameGrant(stored: TokenSet, refused: Pick<TokenSet, "accessToken" | "expiresAt">): boolean {
  return stored.accessToken === refused.accessToken && stored.expiresAt?.getTime() === refused.expiresAt?.getTime();
}

type Outcome = { tokens: TokenSet } | { failure: TokenGrantError };

async function refreshUnderLock(
  db: Database,
  connection: Pick<ProviderConnection, "id" | "provider">,
  options: RefreshOptions,
): Promise<TokenSet> {
  const provider = getSourceOrThrow(connection.provider);
  const marginMinutes = refreshMarginMinutes(provider);
  const needsRefresh = (tokens: TokenSet) =>
    isRefreshDue(tokens, marginMinutes) || (options.refused !== undefined && isSameGrant(tokens, options.refused));

  // Sync requests ask before each call: the usual answer (not due) costs one plain read, no lock.
  const current = await findConnection(db, { connectionId: connection.id });
  if (!current) throw new AppError("NOT_FOUND", "The connection no longer exists.");
  const stored = openTokens(current);
  if (current.status !== "needs_reauth" && !needsRefresh(stored)) return stored;

  // Resolved before the transaction: on PGlite a query on `db` inside it would wait for it.
  const auth = await sourceAuth(db, provider, options.appUrl);

  // The provider call happens while the row is locked, so a second process waits here and
  // then reads the token the first one stored instead of spending the refresh token again.
  const outcome: Outcome = await db.transaction(async (tx) => {
    const row = await lockConnection(tx, { connectionId: connection.id });
    if (!row) throw new AppError("NOT_FOUND", "The connection no longer exists.");
    if (row.status === "needs_reauth")
      return { failure: new TokenGrantError("invalid_grant", `${provider.name} needs to be reconnected.`) };
    const tokens = openTokens(row);
    if (!needsRefresh(tokens)) return { tokens };
    try {
      const next = await auth.refresh(tokens, row);
      await updateConnectionCredentials(tx, {
        connectionId: row.id,
        encryptedCredentials: sealTokens(next),
        expiresAt: next.expiresAt ?? null,
        scopes: next.scopes,
      });
      return { tokens: next };
    } catch (error) {
      if (!(error instanceof TokenGrantError) || !error.isPermanent) throw error;
      await setConnectionStatus(tx, { connectionId: row.id, status: "needs_reauth", lastError: error.message });
      return { failure: error };
    }
  });

  if ("failure" in outcome) {
    throw new AppError(
      "PROVIDER_AUTH_EXPIRED",
      `${provider.name} no longer accepts this connection; reconnect it. (${outcome.failure.message})`,
      {
        connectionId: connection.id,
      },
    );
  }
  return outcome.tokens;
}
