import { randomUUID } from "node:crypto";
import { verifyOAuth1, oauth1Unauthorized } from "@/sandbox/garmin/sandbox-signature";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { connectStore, domainOfHost, providerOf, randomId } from "./sandbox-store";

// garth's token path: the Connect app's OAuth 1.0a consumer (published on S3), the ticket's
// OAuth 1.0a token from /oauth-service/oauth/preauthorized, and OAuth 2.0 tokens from
// /oauth-service/oauth/exchange/user/2.0, which the OAuth 1.0a token buys again whenever asked.

export const CONNECT_APP_CONSUMER = {
  clientId: "qt-sandbox-connect-app",
  clientSecret: "qt-sandbox-connect-app-secret",
};
export const ACCESS_TOKEN_TTL_SECONDS = 86_400;
const REFRESH_TOKEN_TTL_SECONDS = 2_591_999;

const formReply = (fields: Record<string, string>) =>
  new Response(new URLSearchParams(fields).toString(), { headers: { "content-type": "text/plain;charset=UTF-8" } });

function consumer(request: SandboxRequest) {
  request.state.record({ provider: "garmin_connect", method: "GET", path: "/oauth_consumer.json" });
  return Response.json({
    consumer_key: CONNECT_APP_CONSUMER.clientId,
    consumer_secret: CONNECT_APP_CONSUMER.clientSecret,
  });
}

async function preauthorized(request: SandboxRequest) {
  const domain = domainOfHost(request.url.host);
  request.state.record({ provider: providerOf(domain), method: "GET", path: "/oauth-service/oauth/preauthorized" });
  const signed = await verifyOAuth1(request, () => undefined, CONNECT_APP_CONSUMER);
  if (signed instanceof Response) return signed;
  const store = connectStore(request.state);
  const ticket = request.url.searchParams.get("ticket") ?? "";
  const issued = store.tickets.get(ticket);
  store.tickets.delete(ticket);
  // CAS checks the ticket against the service it was issued for, once, while fresh, on its own domain.
  if (
    !issued ||
    issued.domain !== domain ||
    issued.expiresAt < Date.now() ||
    issued.service !== request.url.searchParams.get("login-url")
  )
    return oauth1Unauthorized("Invalid or expired ticket.");
  const token = randomId("");
  const secret = randomId("");
  store.oauth1.set(token, { domain, login: issued.login, secret });
  return formReply({
    oauth_token: token,
    oauth_token_secret: secret,
    ...(issued.isMfa ? { mfa_token: randomId("MFA-"), mfa_expiration_timestamp: "2027-01-01 00:00:00.000" } : {}),
  });
}

async function exchange(request: SandboxRequest) {
  const domain = domainOfHost(request.url.host);
  const provider = providerOf(domain);
  request.state.record({ provider, method: "POST", path: "/oauth-service/oauth/exchange/user/2.0", grant: "exchange" });
  const store = connectStore(request.state);
  const signed = await verifyOAuth1(
    request,
    (token) => {
      const held = store.oauth1.get(token);
      return held?.domain === domain ? held.secret : undefined;
    },
    CONNECT_APP_CONSUMER,
  );
  if (signed instanceof Response) return signed;
  const held = store.oauth1.get(signed.oauth_token ?? "");
  if (!held) return oauth1Unauthorized("oauth_token is required.");
  const accessToken = request.state.issue("gc_at");
  const refreshToken = request.state.issue("gc_rt");
  request.state.accessTokens.set(accessToken, {
    provider,
    account: held.login,
    scopes: [],
    expiresAt: Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
  });
  request.state.refreshTokens.set(refreshToken, { provider, account: held.login, scopes: [], isUsed: false });
  return Response.json({
    scope: "COMMUNITY_COURSE_READ GARMINPAY_WRITE GOLF_API_READ ATP_READ CONNECT_WRITE CONNECT_READ",
    jti: randomUUID(),
    token_type: "Bearer",
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
  });
}

/** The Connect app refuses a dead or foreign token with 401 and a short JSON message. */
export function authenticateConnect(request: SandboxRequest): string | Response {
  const domain = domainOfHost(request.url.host);
  const header = request.request.headers.get("authorization") ?? "";
  const issued = header.startsWith("Bearer ") ? request.state.accessTokens.get(header.slice(7)) : undefined;
  if (!issued || issued.provider !== providerOf(domain) || (issued.expiresAt !== null && issued.expiresAt < Date.now()))
    return Response.json({ message: "Unauthorized", error: "Token is not active" }, { status: 401 });
  return issued.account;
}

/** Every OAuth 1.0a token one login holds on one domain stops working (the person signed out everywhere). */
export function revokeConnectLogin(
  request: SandboxRequest["state"],
  domain: "garmin.com" | "garmin.cn",
  login: string,
) {
  const store = connectStore(request);
  for (const [token, held] of store.oauth1)
    if (held.domain === domain && held.login === login) store.oauth1.delete(token);
}

export const CONSUMER_ROUTES: SandboxRoute[] = [
  { method: "GET", host: "thegarth.s3.amazonaws.com", path: "/oauth_consumer.json", handle: consumer },
];

export function tokenRoutes(host: string): SandboxRoute[] {
  return [
    { method: "GET", host, path: "/oauth-service/oauth/preauthorized", handle: preauthorized },
    { method: "POST", host, path: "/oauth-service/oauth/exchange/user/2.0", handle: exchange },
  ];
}
