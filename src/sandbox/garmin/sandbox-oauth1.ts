import { renderAuthorizePage } from "@/sandbox/authorize-page";
import type { SandboxState } from "@/sandbox/state";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { oauth1Store, oauth1Unauthorized, verifyOAuth1, type RequestTokenGrant } from "./sandbox-signature";

// Garmin's legacy OAuth 1.0a: signed request_token, the oauthConfirm consent page, signed
// access_token. Access tokens never expire; they die when the person deregisters the app.

const API_HOST = "connectapi.garmin.com";
const CONNECT_HOST = "connect.garmin.com";
const REQUEST_TOKEN_TTL_MS = 10 * 60_000;

/**
 * What the consent page lists: Garmin's user permissions (GET …/user/permissions). The sandbox
 * app has the Training API too, so workout import (WORKOUT_IMPORT) is among them.
 */
export const GARMIN_PERMISSIONS = ["ACTIVITY_EXPORT", "HEALTH_EXPORT", "HISTORICAL_DATA_EXPORT", "WORKOUT_IMPORT"];

const formReply = (fields: Record<string, string>) =>
  new Response(new URLSearchParams(fields).toString(), {
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });

async function requestToken(request: SandboxRequest) {
  request.state.record({ provider: "garmin", method: "POST", path: "/oauth-service/oauth/request_token" });
  // Signed with the consumer alone: no oauth_token is accepted here.
  const params = await verifyOAuth1(request, () => undefined);
  if (params instanceof Response) return params;
  const token = request.state.issue("garmin_request");
  const secret = request.state.issue("garmin_request_secret");
  const callback = params.oauth_callback && params.oauth_callback !== "oob" ? params.oauth_callback : null;
  oauth1Store(request.state).requestTokens.set(token, {
    secret,
    callback,
    expiresAt: Date.now() + REQUEST_TOKEN_TTL_MS,
  });
  return formReply({ oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: "true" });
}

function pendingRequest(
  request: SandboxRequest,
): { token: string; grant: RequestTokenGrant; callback: URL } | Response {
  const token = request.url.searchParams.get("oauth_token") ?? "";
  const grant = oauth1Store(request.state).requestTokens.get(token);
  if (!grant || grant.verifier || grant.expiresAt < Date.now())
    return new Response("Unknown, used or expired oauth_token.", { status: 400 });
  const callback = request.url.searchParams.get("oauth_callback") ?? grant.callback;
  if (!callback || !URL.canParse(callback)) return new Response("oauth_callback is required.", { status: 400 });
  return { token, grant, callback: new URL(callback) };
}

function showConsent(request: SandboxRequest) {
  const pending = pendingRequest(request);
  if (pending instanceof Response) return pending;
  return renderAuthorizePage({
    providerName: "Garmin Connect",
    scopes: GARMIN_PERMISSIONS,
    formAction: `${request.mountUrl}/${CONNECT_HOST}/oauthConfirm${request.url.search}`,
    hiddenFields: {},
  });
}

async function decide(request: SandboxRequest) {
  const pending = pendingRequest(request);
  if (pending instanceof Response) return pending;
  const form = new URLSearchParams(await request.request.text());
  const { token, grant, callback } = pending;
  callback.searchParams.set("oauth_token", token);
  if (form.get("decision") === "approve") {
    grant.verifier = request.state.issue("garmin_verifier");
    grant.account = (form.get("account") ?? "athlete").trim() || "athlete";
    callback.searchParams.set("oauth_verifier", grant.verifier);
  } else {
    oauth1Store(request.state).requestTokens.delete(token);
    // Garmin's answer to Deny: the literal string "null" as the verifier.
    callback.searchParams.set("oauth_verifier", "null");
  }
  return new Response(null, { status: 302, headers: { location: callback.toString() } });
}

async function accessToken(request: SandboxRequest) {
  request.state.record({ provider: "garmin", method: "POST", path: "/oauth-service/oauth/access_token" });
  const { requestTokens, accessTokens } = oauth1Store(request.state);
  const approved = (token: string) => {
    const grant = requestTokens.get(token);
    return grant?.verifier && grant.expiresAt >= Date.now() ? grant.secret : undefined;
  };
  const params = await verifyOAuth1(request, approved);
  if (params instanceof Response) return params;
  const grant = params.oauth_token ? requestTokens.get(params.oauth_token) : undefined;
  if (!grant || params.oauth_verifier !== grant.verifier) return oauth1Unauthorized("Invalid oauth_verifier.");
  requestTokens.delete(params.oauth_token!);
  const token = request.state.issue("garmin_uat");
  const secret = request.state.issue("garmin_uat_secret");
  accessTokens.set(token, { secret, account: grant.account! });
  return formReply({ oauth_token: token, oauth_token_secret: secret });
}

/** The account behind an OAuth 1.0a-signed API call, or Garmin's 401. */
export async function authenticateOAuth1(request: SandboxRequest): Promise<{ account: string } | Response> {
  const { accessTokens } = oauth1Store(request.state);
  const params = await verifyOAuth1(request, (token) => accessTokens.get(token)?.secret);
  if (params instanceof Response) return params;
  const grant = params.oauth_token ? accessTokens.get(params.oauth_token) : undefined;
  return grant ? { account: grant.account } : oauth1Unauthorized("oauth_token is required.");
}

export function revokeOAuth1Account(state: SandboxState, account: string) {
  const { accessTokens } = oauth1Store(state);
  for (const [token, grant] of accessTokens) if (grant.account === account) accessTokens.delete(token);
}

export const oauth1Routes: SandboxRoute[] = [
  { method: "POST", host: API_HOST, path: "/oauth-service/oauth/request_token", handle: requestToken },
  { method: "GET", host: CONNECT_HOST, path: "/oauthConfirm", handle: showConsent },
  { method: "POST", host: CONNECT_HOST, path: "/oauthConfirm", handle: decide },
  { method: "POST", host: API_HOST, path: "/oauth-service/oauth/access_token", handle: accessToken },
];
