import { readJson } from "@/lib/providers/http";
import type { ProviderContext, ProviderDefinition, TokenGrant, TokenSet } from "@/lib/providers/types";
import { TokenGrantError, toTokenGrantError } from "./token-errors";

export function buildAuthorizeUrl(
  provider: ProviderDefinition,
  params: { clientId: string; redirectUri: string; state: string; codeChallenge?: string },
): string {
  const { oauth } = provider;
  const url = new URL(oauth.authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", params.clientId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("state", params.state);
  if (oauth.scopes.length) url.searchParams.set("scope", oauth.scopes.join(oauth.scopeSeparator));
  if (params.codeChallenge) {
    url.searchParams.set("code_challenge", params.codeChallenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  for (const [key, value] of Object.entries(oauth.authorizeParams ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

async function requestToken(
  provider: ProviderDefinition,
  context: ProviderContext,
  grant: TokenGrant,
  fields: Record<string, string>,
  current?: TokenSet,
): Promise<TokenSet> {
  const { oauth } = provider;
  const form = new URLSearchParams({ grant_type: grant, ...fields });
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (oauth.clientAuth === "basic") {
    const encode = (value: string) => encodeURIComponent(value);
    headers.authorization = `Basic ${Buffer.from(`${encode(context.credentials.clientId)}:${encode(context.credentials.clientSecret)}`).toString("base64")}`;
  } else {
    form.set("client_id", context.credentials.clientId);
    form.set("client_secret", context.credentials.clientSecret);
  }
  const url = grant === "refresh_token" ? (oauth.refreshUrl ?? oauth.tokenUrl) : oauth.tokenUrl;
  const response = await context.fetch(url, { method: "POST", headers, body: form });
  const body = await readJson(response, `${provider.name} token endpoint`).catch(() => null);
  if (!response.ok)
    throw oauth.parseTokenError?.(response.status, body) ?? toTokenGrantError(response.status, body, provider.name);
  if (body === null)
    throw new TokenGrantError("malformed_response", `${provider.name} token endpoint answered without JSON.`);
  const tokens = oauth.parseTokenResponse(body, { grant, status: response.status, current });
  // A provider with a fixed token life that left expires_in out: its tokens still expire.
  if (tokens.expiresAt === undefined && oauth.tokenLifetimeSeconds)
    return { ...tokens, expiresAt: expiresInToDate(oauth.tokenLifetimeSeconds) };
  return tokens;
}

export function exchangeAuthorizationCode(
  provider: ProviderDefinition,
  context: ProviderContext,
  params: { code: string; redirectUri: string; codeVerifier?: string },
): Promise<TokenSet> {
  return requestToken(provider, context, "authorization_code", {
    code: params.code,
    redirect_uri: params.redirectUri,
    ...(params.codeVerifier ? { code_verifier: params.codeVerifier } : {}),
  });
}

export async function refreshAccessToken(
  provider: ProviderDefinition,
  context: ProviderContext,
  current: TokenSet,
): Promise<TokenSet> {
  if (!current.refreshToken)
    throw new TokenGrantError("invalid_grant", `${provider.name} issued no refresh token; reconnect to continue.`);
  const next = await requestToken(
    provider,
    context,
    "refresh_token",
    { refresh_token: current.refreshToken, ...provider.oauth.refreshParams },
    current,
  );
  // Providers that do not rotate leave refresh_token out of the reply: keep the one we have.
  return {
    ...next,
    refreshToken: next.refreshToken ?? current.refreshToken,
    scopes: next.scopes.length ? next.scopes : current.scopes,
  };
}

/** Converts `expires_in` seconds to an absolute time, measured from now. */
export function expiresInToDate(expiresIn: number | undefined | null): Date | undefined {
  return expiresIn == null ? undefined : new Date(Date.now() + expiresIn * 1000);
}
