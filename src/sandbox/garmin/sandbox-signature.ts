import { createHmac, timingSafeEqual } from "node:crypto";
import OAuth from "oauth-1.0a";
import { sandboxCredentials } from "@/sandbox/accounts";
import type { SandboxState } from "@/sandbox/state";
import type { SandboxRequest } from "@/sandbox/types";
import { oauth1HeaderSchema, type OAuth1HeaderParams } from "@/lib/providers/garmin/schemas";

export interface RequestTokenGrant {
  secret: string;
  /** From request_token; the oauthConfirm URL's oauth_callback wins, as at Garmin. */
  callback: string | null;
  expiresAt: number;
  /** Set once the person approves. */
  verifier?: string;
  account?: string;
}

export interface AccessTokenGrant {
  secret: string;
  account: string;
}

/** What the sandbox's OAuth 1.0a side remembers; keyed by SandboxState, so a reset forgets it. */
export interface OAuth1Store {
  requestTokens: Map<string, RequestTokenGrant>;
  accessTokens: Map<string, AccessTokenGrant>;
  /** timestamp:nonce pairs already seen: a captured request cannot be replayed. */
  nonces: Set<string>;
}

const stores = new WeakMap<SandboxState, OAuth1Store>();

export function oauth1Store(state: SandboxState): OAuth1Store {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = { requestTokens: new Map(), accessTokens: new Map(), nonces: new Set() }));
  return store;
}

// RFC 5849 §3.3 leaves the window to the server; five minutes is what OAuth 1.0a servers use.
const TIMESTAMP_WINDOW_SECONDS = 300;

export const oauth1Unauthorized = (message: string) =>
  new Response(message, { status: 401, headers: { "content-type": "text/plain" } });

function parseAuthorizationHeader(header: string | null): Record<string, string> | null {
  if (!header?.startsWith("OAuth ")) return null;
  const params: Record<string, string> = {};
  for (const part of header.slice(6).split(",")) {
    const match = /^\s*([^=\s]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return null;
    params[decodeURIComponent(match[1]!)] = decodeURIComponent(match[2]!);
  }
  return params;
}

async function readForm(request: Request): Promise<Record<string, string>> {
  if (!(request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")) return {};
  return Object.fromEntries(new URLSearchParams(await request.text()));
}

const safeEqual = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks a request's OAuth 1.0a signature as Garmin does: our consumer key, a fresh
 * timestamp and unused nonce, and HMAC-SHA1 over method, URL, query, form body and oauth_*
 * parameters, keyed `<consumer secret>&<token secret>`. `tokenSecretOf` gives the secret of
 * an oauth_token this endpoint accepts; undefined refuses the token.
 */
export async function verifyOAuth1(
  request: SandboxRequest,
  tokenSecretOf: (token: string) => string | undefined,
  /** The consumer the caller must sign as: the official app's, or (credential sign-in) the Connect app's. */
  consumer: { clientId: string; clientSecret: string } = sandboxCredentials("garmin"),
): Promise<OAuth1HeaderParams | Response> {
  const parsed = oauth1HeaderSchema.safeParse(parseAuthorizationHeader(request.request.headers.get("authorization")));
  if (!parsed.success) return oauth1Unauthorized("Missing or malformed OAuth 1.0a Authorization header.");
  const params = parsed.data;
  if (params.oauth_consumer_key !== consumer.clientId) return oauth1Unauthorized("Unknown oauth_consumer_key.");
  if (Math.abs(Date.now() / 1000 - Number(params.oauth_timestamp)) > TIMESTAMP_WINDOW_SECONDS)
    return oauth1Unauthorized("oauth_timestamp is out of range.");
  const tokenSecret = params.oauth_token === undefined ? "" : tokenSecretOf(params.oauth_token);
  if (tokenSecret === undefined) return oauth1Unauthorized("Invalid or expired oauth_token.");

  const { oauth_signature: signature, ...signed } = params;
  const oauth = new OAuth({
    consumer: { key: consumer.clientId, secret: consumer.clientSecret },
    signature_method: "HMAC-SHA1",
    hash_function: () => "",
  });
  const data = { method: request.request.method, url: request.url.href, data: await readForm(request.request) };
  // Exactly the oauth_* parameters that were sent are signed (oauth_version is optional).
  const baseString = oauth.getBaseString(data, signed as unknown as OAuth.Data);
  const expected = createHmac("sha1", oauth.getSigningKey(tokenSecret)).update(baseString).digest("base64");
  if (!safeEqual(signature, expected)) return oauth1Unauthorized("Invalid signature.");

  const { nonces } = oauth1Store(request.state);
  const nonceKey = `${params.oauth_timestamp}:${params.oauth_nonce}`;
  if (nonces.has(nonceKey)) return oauth1Unauthorized("oauth_nonce was already used.");
  nonces.add(nonceKey);
  return params;
}
