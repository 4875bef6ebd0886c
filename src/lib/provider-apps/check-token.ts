import { requireAdmin } from "@/lib/auth/admin";
import { refreshIfDue } from "@/lib/connections/refresh";
import type { Database } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import type { User } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { getProviderOrThrow } from "@/lib/providers";
import { createProviderContext } from "@/lib/providers/routing";

export type TokenCheckResult =
  | { ok: true; externalUserId: string; displayName?: string; isSameAccount: boolean; message: string }
  | { ok: false; message: string };

/**
 * "Test current token": reads the account's profile with its stored token (refreshed first when
 * due, which uses the provider app's client too), as the sync would. Only the admin's own
 * connections: a token belongs to the person who connected it.
 */
export async function checkConnectionToken(
  db: Database,
  params: { actor: Pick<User, "id" | "email">; connectionId: string; origin: string },
): Promise<TokenCheckResult> {
  await requireAdmin(db, params.actor);
  const connection = await getConnectionOrThrow(db, { userId: params.actor.id, connectionId: params.connectionId });
  const provider = getProviderOrThrow(connection.provider);
  try {
    const tokens = await refreshIfDue(db, connection, { appUrl: params.origin });
    const identity = await provider.fetchIdentity(await createProviderContext(db, provider, params.origin), tokens);
    const isSameAccount = identity.externalUserId === connection.externalUserId;
    const who = identity.displayName ? `${identity.displayName} (${identity.externalUserId})` : identity.externalUserId;
    return {
      ok: true,
      externalUserId: identity.externalUserId,
      displayName: identity.displayName,
      isSameAccount,
      message: isSameAccount
        ? `The token works: ${provider.name} answered with ${who}.`
        : `The token works, but ${provider.name} answered with ${who}, not the account this connection was made for (${connection.externalUserId}).`,
    };
  } catch (error) {
    // Our own errors and token-endpoint refusals say what went wrong; anything else is a bug.
    if (error instanceof AppError || error instanceof TokenGrantError)
      return { ok: false, message: `The token check failed: ${error.message}` };
    throw error;
  }
}
