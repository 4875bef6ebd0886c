import { decryptJson } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { refreshAccessToken } from "@/lib/oauth/oauth2-client";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { CredentialLoginError } from "@/lib/providers/credential-errors";
import { createCredentialContext } from "@/lib/providers/credential-routing";
import type {
  CredentialContext,
  CredentialLogin,
  CredentialProviderDefinition,
} from "@/lib/providers/credential-types";
import { createProviderContext } from "@/lib/providers/routing";
import { isCredentialSource, type SourceDefinition } from "@/lib/providers/sources";
import type { ProviderFetch, TokenSet } from "@/lib/providers/types";

const DEFAULT_MARGIN_MINUTES = 5;

/** How one source's tokens are used and renewed: the one place that tells OAuth from password-linked accounts. */
export interface SourceAuth {
  /** Requests routed for this source, the access token where it wants it. */
  fetch: ProviderFetch;
  isAccessTokenRefused?(status: number, body: unknown): boolean;
  /** New tokens; `row` is the connection, locked by the caller. */
  refresh(tokens: TokenSet, row: Pick<ProviderConnection, "encryptedLogin" | "externalUserId">): Promise<TokenSet>;
}

/** How long before expiry a source's tokens are renewed; known without any query. */
export function refreshMarginMinutes(source: SourceDefinition): number {
  return isCredentialSource(source)
    ? source.auth.refreshMarginMinutes
    : (source.oauth.refreshMarginMinutes ?? DEFAULT_MARGIN_MINUTES);
}

/** Async because an OAuth provider's client credentials may live in the database (Provider apps). */
export async function sourceAuth(db: Database, source: SourceDefinition, appUrl?: string): Promise<SourceAuth> {
  if (isCredentialSource(source)) {
    const context = createCredentialContext(source, appUrl);
    return {
      fetch: context.fetch,
      isAccessTokenRefused: source.auth.isAccessTokenRefused,
      refresh: (tokens, row) => refreshCredentialTokens(source, context, tokens, row),
    };
  }
  const context = await createProviderContext(db, source, appUrl);
  return {
    fetch: context.fetch,
    isAccessTokenRefused: source.oauth.isAccessTokenRefused,
    refresh: (tokens) => refreshAccessToken(source, context, tokens),
  };
}

/** A provider blocking the token step is a rate limit: the sync pauses the connection (sync-fetch.ts). */
const asRateLimit = (error: unknown): unknown =>
  error instanceof CredentialLoginError && error.reason === "blocked"
    ? new AppError("RATE_LIMITED", error.message, { httpStatus: error.httpStatus })
    : error;

/**
 * The provider's own refresh first; when it refuses for good and the person ticked "sign in again
 * automatically", one sign-in with the stored password. A sign-in that asks for a code, or lands
 * in another account, cannot finish unattended: the person is asked to sign in again.
 */
async function refreshCredentialTokens(
  source: CredentialProviderDefinition,
  context: CredentialContext,
  tokens: TokenSet,
  row: Pick<ProviderConnection, "encryptedLogin" | "externalUserId">,
): Promise<TokenSet> {
  try {
    return await source.auth.refresh(context, tokens);
  } catch (error) {
    if (!(error instanceof TokenGrantError) || !error.isPermanent || !row.encryptedLogin) throw asRateLimit(error);
  }
  let step;
  try {
    step = await source.auth.login(context, decryptJson<CredentialLogin>(row.encryptedLogin));
  } catch (error) {
    if (error instanceof CredentialLoginError && error.reason === "invalid_credentials")
      throw new TokenGrantError("invalid_grant", `${source.familyName} no longer accepts the stored password.`);
    throw asRateLimit(error);
  }
  if (step.kind === "mfa_required")
    throw new TokenGrantError("invalid_grant", `${source.familyName} asks for a verification code; sign in again.`);
  if (step.identity.externalUserId !== row.externalUserId)
    throw new TokenGrantError(
      "invalid_grant",
      `The stored password now signs in to another ${source.familyName} account.`,
    );
  return step.tokens;
}
