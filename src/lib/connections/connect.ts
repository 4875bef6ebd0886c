import { createHash, randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import type { Database } from "@/lib/db";
import { upsertConnection } from "@/lib/db/queries/connections";
import { findOAuthState, insertOAuthState, spendOAuthState } from "@/lib/db/queries/oauth-states";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { buildOAuth1AuthorizeUrl, exchangeVerifier, getRequestToken } from "@/lib/oauth/oauth1-client";
import { buildAuthorizeUrl, exchangeAuthorizationCode } from "@/lib/oauth/oauth2-client";
import { createPkcePair } from "@/lib/oauth/pkce";
import { TokenGrantError } from "@/lib/oauth/token-errors";
import { findProvider, getProviderOrThrow } from "@/lib/providers";
import { credentialEnvNames } from "@/lib/providers/client-credentials";
import {
  consumerEnvNames,
  createOAuth1Context,
  createProviderContext,
  resolveOAuth1Route,
  resolveProviderRoute,
  routeUrl,
} from "@/lib/providers/routing";
import type { ProviderContext, ProviderDefinition, TokenSet } from "@/lib/providers/types";
import { subscribeAfterConnect } from "@/lib/webhooks/subscriptions";
import { sealTokens } from "./credentials";
import { ConnectionError } from "./connection-error";

const STATE_LIFETIME_MS = 10 * 60_000;

export const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

export function callbackUrl(origin: string): string {
  return `${origin}/api/oauth/callback`;
}

type StartParams = { userId: string; provider: string; label?: string; origin: string; legacy?: boolean };

/** Only the hash of the state is stored; the secret (PKCE verifier, request-token secret) is encrypted. */
function rememberState(
  db: Database,
  params: StartParams,
  flow: { state: string; secret?: string; redirectUri: string },
) {
  return insertOAuthState(db, {
    stateHash: hashState(flow.state),
    userId: params.userId,
    provider: params.provider,
    label: params.label?.trim() || null,
    encryptedSecret: flow.secret ? encryptSecret(flow.secret) : null,
    redirectUri: flow.redirectUri,
    expiresAt: new Date(Date.now() + STATE_LIFETIME_MS),
  });
}

/** Step 1: remember who is connecting what, then send the browser to the provider. */
export async function startConnection(db: Database, params: StartParams): Promise<{ redirectUrl: string }> {
  const provider = getProviderOrThrow(params.provider);
  if (params.legacy) return startLegacyConnection(db, provider, params);
  const route = await resolveProviderRoute(db, provider.slug, params.origin);
  if (route.mode === "not_configured") {
    const names = credentialEnvNames(provider.slug);
    throw new AppError(
      "NOT_CONFIGURED",
      `${provider.name} is not configured: an admin can add its app under Settings → Provider apps, or set ${names.clientId} and ${names.clientSecret}.`,
    );
  }
  const state = randomBytes(32).toString("base64url");
  const pkce = provider.oauth.pkce ? createPkcePair() : undefined;
  const redirectUri = callbackUrl(params.origin);
  await rememberState(db, params, { state, secret: pkce?.verifier, redirectUri });
  const authorizeUrl = buildAuthorizeUrl(provider, {
    clientId: route.credentials.clientId,
    redirectUri,
    state,
    codeChallenge: pkce?.challenge,
  });
  return { redirectUrl: routeUrl(route, authorizeUrl) };
}

/** OAuth 1.0a (Garmin until 2026-12-31): the request token plays `state`; its secret is kept encrypted. */
async function startLegacyConnection(
  db: Database,
  provider: ProviderDefinition,
  params: StartParams,
): Promise<{ redirectUrl: string }> {
  if (!provider.legacyOAuth1) throw new AppError("INVALID_INPUT", `${provider.name} has no legacy sign-in.`);
  const route = resolveOAuth1Route(provider.slug, params.origin);
  if (route.mode === "not_configured") {
    const names = consumerEnvNames(provider.slug);
    throw new AppError(
      "NOT_CONFIGURED",
      `${provider.name} (legacy) is not configured: set ${names.consumerKey} and ${names.consumerSecret}.`,
    );
  }
  const redirectUri = callbackUrl(params.origin);
  const requestToken = await getRequestToken(
    provider.legacyOAuth1,
    createOAuth1Context(provider, params.origin),
    redirectUri,
  );
  await rememberState(db, params, { state: requestToken.key, secret: requestToken.secret, redirectUri });
  return {
    redirectUrl: routeUrl(route, buildOAuth1AuthorizeUrl(provider.legacyOAuth1, requestToken.key, redirectUri)),
  };
}

// Granted scopes come back comma- (Strava) or space-separated; no scope contains either.
function parseScopes(value: string | null): string[] | undefined {
  return value === null ? undefined : value.split(/[ ,]+/).filter(Boolean);
}

function missingScopes(provider: ProviderDefinition, granted: string[]): string[] {
  return (provider.oauth.requiredScopes ?? [])
    .filter((required) =>
      typeof required === "string" ? !granted.includes(required) : !required.some((scope) => granted.includes(scope)),
    )
    .map((required) => (typeof required === "string" ? required : required.join(" or ")));
}

/** Finds the state this callback answers, spends it, and checks it belongs to this user. */
async function claimState(db: Database, userId: string, state: string | null) {
  if (!state) throw new ConnectionError("invalid_state");
  const stateHash = hashState(state);
  const row = await spendOAuthState(db, { stateHash });
  if (!row) throw new ConnectionError((await findOAuthState(db, { stateHash })) ? "replayed_state" : "invalid_state");
  if (row.userId !== userId) throw new ConnectionError("foreign_state");
  if (row.expiresAt.getTime() < Date.now()) throw new ConnectionError("expired_state");
  const provider = findProvider(row.provider);
  if (!provider) throw new ConnectionError("invalid_state");
  return { row, provider };
}

/** Step 2: the provider sent the browser back. Nothing is stored unless every check passes. */
export async function completeConnection(
  db: Database,
  params: { userId: string; query: URLSearchParams; origin: string },
): Promise<{ provider: ProviderDefinition; connection: ProviderConnection; isNew: boolean }> {
  const { query } = params;
  // OAuth 1.0a callbacks carry the request token and verifier instead of `state`.
  if (!query.has("state") && query.has("oauth_token")) return completeLegacyConnection(db, params);
  const { row, provider } = await claimState(db, params.userId, query.get("state"));
  const providerError = query.get("error");
  if (providerError)
    throw new ConnectionError(
      providerError === "access_denied" ? "denied" : "provider_error",
      provider,
      query.get("error_description") ?? providerError,
    );
  const code = query.get("code");
  if (!code) throw new ConnectionError("provider_error", provider, "no authorization code in the reply");

  const context = await createProviderContext(db, provider, params.origin);
  let tokens: TokenSet;
  try {
    tokens = await exchangeAuthorizationCode(provider, context, {
      code,
      redirectUri: row.redirectUri,
      codeVerifier: row.encryptedSecret ? decryptSecret(row.encryptedSecret) : undefined,
    });
  } catch (error) {
    if (error instanceof TokenGrantError) throw new ConnectionError("exchange_failed", provider, error.message);
    throw error;
  }
  if (tokens.scopes.length === 0) tokens.scopes = parseScopes(query.get("scope")) ?? [...provider.oauth.scopes];
  const missing = missingScopes(provider, tokens.scopes);
  if (missing.length) throw new ConnectionError("missing_scope", provider, missing.join(", "));

  return saveConnection(db, {
    userId: params.userId,
    label: row.label,
    provider,
    context,
    tokens,
    authKind: "oauth2",
    origin: params.origin,
  });
}

async function completeLegacyConnection(
  db: Database,
  params: { userId: string; query: URLSearchParams; origin: string },
) {
  const requestToken = params.query.get("oauth_token");
  const { row, provider } = await claimState(db, params.userId, requestToken);
  const verifier = params.query.get("oauth_verifier");
  // Garmin answers Deny with the literal verifier "null".
  if (!verifier || verifier === "null") throw new ConnectionError("denied", provider);
  if (!provider.legacyOAuth1 || !row.encryptedSecret) throw new ConnectionError("invalid_state", provider);
  const context = createOAuth1Context(provider, params.origin);
  let tokens: TokenSet;
  try {
    tokens = await exchangeVerifier(
      provider.legacyOAuth1,
      context,
      { key: requestToken!, secret: decryptSecret(row.encryptedSecret) },
      verifier,
    );
  } catch (error) {
    if (error instanceof TokenGrantError) throw new ConnectionError("exchange_failed", provider, error.message);
    throw error;
  }
  return saveConnection(db, {
    userId: params.userId,
    label: row.label,
    provider,
    context,
    tokens,
    authKind: "oauth1",
    origin: params.origin,
  });
}

async function saveConnection(
  db: Database,
  params: {
    userId: string;
    label: string | null;
    provider: ProviderDefinition;
    context: ProviderContext;
    tokens: TokenSet;
    authKind: "oauth2" | "oauth1";
    origin: string;
  },
) {
  const { provider, context, tokens } = params;
  const fetched = await provider.fetchIdentity(context, tokens);
  const learned = await provider.afterConnect?.(context, tokens, fetched);
  const identity = { ...fetched, displayName: fetched.displayName ?? learned?.displayName };
  const { connection, isNew } = await upsertConnection(db, {
    userId: params.userId,
    provider: provider.slug,
    externalUserId: identity.externalUserId,
    label: params.label ?? identity.displayName ?? null,
    authKind: params.authKind,
    encryptedCredentials: sealTokens(tokens),
    expiresAt: tokens.expiresAt ?? null,
    scopes: tokens.scopes,
  });
  // App-level push subscriptions (Oura, Polar); never fails the connect.
  await subscribeAfterConnect(db, provider, params.origin);
  return { provider, connection, isNew };
}
