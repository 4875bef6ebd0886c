import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ClientCredentials, OAuth1Spec, ProviderContext, TokenSet } from "@/lib/providers/types";
import { TokenGrantError } from "./token-errors";

// OAuth 1.0a (RFC 5849), HMAC-SHA1. Every URL given here is the provider's real URL: the
// signature is computed over it, and context.fetch sends it where routing says.

export interface OAuth1Token {
  key: string;
  secret: string;
}

// RFC 5849 §2.1 and §2.3 replies, form-encoded.
const tokenReplySchema = z.object({
  oauth_token: z.string().min(1),
  oauth_token_secret: z.string().min(1),
  oauth_callback_confirmed: z.string().optional(),
});

const hmacSha1 = (baseString: string, key: string) => createHmac("sha1", key).update(baseString).digest("base64");

/**
 * The Authorization header for one request. Query parameters and form fields are part of
 * the signature base string; `oauthParams` (oauth_callback, oauth_verifier) are signed and sent.
 */
export function signOAuth1(
  consumer: ClientCredentials,
  request: { method: string; url: string; form?: Record<string, string> },
  token?: OAuth1Token,
  oauthParams: Record<string, string> = {},
): string {
  const oauth = new OAuth({
    consumer: { key: consumer.clientId, secret: consumer.clientSecret },
    signature_method: "HMAC-SHA1",
    hash_function: hmacSha1,
  });
  const authorized = oauth.authorize(
    { method: request.method, url: request.url, data: { ...request.form, ...oauthParams } },
    token,
  );
  return oauth.toHeader({ ...authorized, ...oauthParams }).Authorization;
}

/** A signed request on a user's behalf; the consumer is passed because it may not be context.credentials. */
export function oauth1Fetch(
  context: ProviderContext,
  consumer: ClientCredentials,
  token: OAuth1Token,
  realUrl: string,
  init: { method?: string; form?: Record<string, string> } = {},
): Promise<Response> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = {
    authorization: signOAuth1(consumer, { method, url: realUrl, form: init.form }, token),
  };
  if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
  return context.fetch(realUrl, { method, headers, body: init.form ? new URLSearchParams(init.form) : undefined });
}

async function readTokenReply(response: Response, what: string) {
  const text = await response.text();
  const parsed = tokenReplySchema.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TokenGrantError("malformed_response", `${what}: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
  }
  return { key: parsed.data.oauth_token, secret: parsed.data.oauth_token_secret };
}

const host = (url: string) => new URL(url).host;

/** Step 1: an unauthorized request token, signed with the consumer alone. */
export async function getRequestToken(
  spec: OAuth1Spec,
  context: ProviderContext,
  callbackUrl: string,
): Promise<OAuth1Token> {
  const authorization = signOAuth1(context.credentials, { method: "POST", url: spec.requestTokenUrl }, undefined, {
    oauth_callback: callbackUrl,
  });
  const response = await context.fetch(spec.requestTokenUrl, {
    method: "POST",
    headers: { authorization, accept: "*/*" },
  });
  const what = `${host(spec.requestTokenUrl)} request_token`;
  if (!response.ok) throw new AppError("PROVIDER_UNAVAILABLE", `${what} answered HTTP ${response.status}.`);
  try {
    return await readTokenReply(response, what);
  } catch (error) {
    throw new AppError("PROVIDER_UNAVAILABLE", (error as Error).message);
  }
}

/** Step 2: where the browser goes. Garmin reads oauth_callback here rather than from step 1. */
export function buildOAuth1AuthorizeUrl(spec: OAuth1Spec, requestToken: string, callbackUrl: string): string {
  const url = new URL(spec.authorizeUrl);
  url.searchParams.set("oauth_token", requestToken);
  url.searchParams.set("oauth_callback", callbackUrl);
  return url.toString();
}

/** Step 3: the verifier from the callback buys the access token; it never expires. */
export async function exchangeVerifier(
  spec: OAuth1Spec,
  context: ProviderContext,
  requestToken: OAuth1Token,
  verifier: string,
): Promise<TokenSet> {
  const authorization = signOAuth1(context.credentials, { method: "POST", url: spec.accessTokenUrl }, requestToken, {
    oauth_verifier: verifier,
  });
  const response = await context.fetch(spec.accessTokenUrl, {
    method: "POST",
    headers: { authorization, accept: "*/*" },
  });
  const what = `${host(spec.accessTokenUrl)} access_token`;
  if (!response.ok) {
    const reason =
      response.status >= 500
        ? "server_error"
        : response.status === 400 || response.status === 401
          ? "invalid_grant"
          : "invalid_request";
    throw new TokenGrantError(reason, `${what} answered HTTP ${response.status}`);
  }
  const token = await readTokenReply(response, what);
  return { accessToken: token.key, tokenSecret: token.secret, scopes: [] };
}
