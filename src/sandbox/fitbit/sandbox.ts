import { sandboxAccount } from "@/sandbox/accounts";
import { authenticateBearer, createOAuth2Server, UNKNOWN_CLIENT, type OAuthErrorCode } from "@/sandbox/oauth2-server";
import type { SandboxState } from "@/sandbox/state";
import type { SandboxHandler, SandboxProvider, SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { dataRoutes } from "./sandbox-data";
import { apiError, unauthenticated } from "./sandbox-errors";
import { exportTcxRoute } from "./sandbox-tcx";

const PROVIDER = "fitbit";
const API_HOST = "health.googleapis.com";

// Google's token-endpoint wording: a dead refresh token and a bad PKCE verifier each have
// their own description; every other refused grant is a bare "Bad Request".
function tokenError(code: OAuthErrorCode, description: string): Response {
  if (code === "invalid_client")
    return Response.json(
      {
        error: code,
        error_description: description === UNKNOWN_CLIENT ? "The OAuth client was not found." : "Unauthorized",
      },
      { status: 401 },
    );
  if (code !== "invalid_grant") return Response.json({ error: code, error_description: description }, { status: 400 });
  const text = /refresh token/i.test(description)
    ? "Token has been expired or revoked."
    : /PKCE/.test(description)
      ? "Invalid code verifier."
      : "Bad Request";
  return Response.json({ error: code, error_description: text }, { status: 400 });
}

const oauthRoutes = createOAuth2Server({
  provider: PROVIDER,
  providerName: "Google (Fitbit)",
  authorize: { host: "accounts.google.com", path: "/o/oauth2/v2/auth" },
  token: { host: "oauth2.googleapis.com", path: "/token" },
  clientAuth: "body",
  pkce: "required",
  scopeSeparator: " ",
  isScopeInRedirect: true,
  accessTokenTtlSeconds: 3599,
  refresh: "reuse",
  tokenBody: (issued) => ({
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    ...(issued.grant === "authorization_code" ? { refresh_token: issued.refreshToken } : {}),
    scope: issued.scopes.join(" "),
    token_type: "Bearer",
  }),
  errorResponse: tokenError,
});

// Codes approved without access_type=offline: Google gives those no refresh token at all.
const onlineCodes = new WeakMap<SandboxState, Set<string>>();
const onlineCodesOf = (state: SandboxState) => onlineCodes.get(state) ?? onlineCodes.set(state, new Set()).get(state)!;

const rememberOnlineCode =
  (decide: SandboxHandler): SandboxHandler =>
  async (request) => {
    const response = await decide(request);
    const code = new URL(response.headers.get("location") ?? "http://invalid").searchParams.get("code");
    if (code && request.url.searchParams.get("access_type") !== "offline") onlineCodesOf(request.state).add(code);
    return response;
  };

const dropOnlineRefreshToken =
  (token: SandboxHandler): SandboxHandler =>
  async (request) => {
    const body = await request.request.text();
    const forwarded = new Request(request.request.url, { method: "POST", headers: request.request.headers, body });
    const response = await token({ ...request, request: forwarded });
    const code = new URLSearchParams(body).get("code");
    if (!response.ok || !code || !onlineCodesOf(request.state).delete(code)) return response;
    const { refresh_token: refreshToken, ...rest } = (await response.json()) as Record<string, unknown>;
    request.state.refreshTokens.delete(String(refreshToken));
    return Response.json(rest, { headers: response.headers });
  };

/** Deterministic per login: a 19-digit healthUserId and a 6-character legacy Fitbit id. */
export function sandboxHealthIdentity(login: string) {
  const account = sandboxAccount(PROVIDER, login);
  const healthUserId = String(10n ** 18n + (BigInt(`0x${account.uuid.replaceAll("-", "").slice(0, 15)}`) % 10n ** 18n));
  // A login starting "new-" never had a Fitbit account: proto3 JSON leaves the empty id out.
  const legacyUserId = login.startsWith("new-")
    ? undefined
    : account.numericId.toString(36).toUpperCase().padStart(6, "2");
  return { name: "users/me/identity", healthUserId, ...(legacyUserId ? { legacyUserId } : {}) };
}

// getIdentity accepts any googlehealth read scope except location (discovery rev 20260527).
const isIdentityScope = (scope: string) =>
  scope.startsWith("https://www.googleapis.com/auth/googlehealth.") &&
  scope.endsWith(".readonly") &&
  !scope.endsWith(".location.readonly");

function identity(request: SandboxRequest) {
  const auth = authenticateBearer(request, PROVIDER, unauthenticated);
  if (auth instanceof Response) return auth;
  if (!auth.scopes.some(isIdentityScope))
    return apiError(
      403,
      "PERMISSION_DENIED",
      "Request had insufficient authentication scopes.",
      "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    );
  const body = sandboxHealthIdentity(auth.account);
  if (request.params.user !== "me" && request.params.user !== body.healthUserId)
    return apiError(403, "PERMISSION_DENIED", "The caller does not have permission");
  return Response.json(body);
}

// Takes an access or a refresh token, in the form body or the query; either ends the whole grant.
async function revoke(request: SandboxRequest) {
  const token =
    new URLSearchParams(await request.request.text()).get("token") ?? request.url.searchParams.get("token") ?? "";
  request.state.record({ provider: PROVIDER, method: "POST", path: "/revoke" });
  const access = request.state.accessTokens.get(token);
  const issued =
    access && (access.expiresAt === null || access.expiresAt > Date.now())
      ? access
      : request.state.refreshTokens.get(token);
  if (!issued || issued.provider !== PROVIDER)
    return Response.json({ error: "invalid_token", error_description: "Token expired or revoked" }, { status: 400 });
  request.state.revokeAccount(PROVIDER, issued.account);
  return new Response(null, { status: 200 });
}

const wrap = (route: SandboxRoute): SandboxRoute => {
  if (route.method !== "POST") return route;
  return {
    ...route,
    handle:
      route.host === "accounts.google.com" ? rememberOnlineCode(route.handle) : dropOnlineRefreshToken(route.handle),
  };
};

/** One changed exercise window, as Google notifies it: who, which type, when; never values. */
function notificationBody(login: string, now = new Date()) {
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - 45 * 60_000);
  const utc = (at: Date) => at.toISOString().replace(".000Z", "Z");
  const civil = (at: Date) => at.toISOString().slice(0, 19);
  return [
    {
      data: {
        version: "1",
        clientProvidedSubscriptionName: "qt-run-sandbox",
        healthUserId: sandboxHealthIdentity(login).healthUserId,
        operation: "UPSERT",
        dataType: "exercise",
        intervals: [
          {
            physicalTimeInterval: { startTime: utc(start), endTime: utc(end) },
            civilIso8601TimeInterval: { startTime: civil(start), endTime: civil(end) },
          },
        ],
      },
    },
  ];
}

export const fitbitSandbox: SandboxProvider = {
  // Google has no revocation push, so "deauthorized" sends an ordinary change notification.
  // The ECDSA signature header is left out: only Google holds the signing key, and our
  // receiver authenticates by the Authorization secret.
  buildWebhook: ({ account, webhookSecret }) => ({
    headers: { "content-type": "application/json", authorization: webhookSecret },
    body: JSON.stringify(notificationBody(account)),
  }),
  routes: [
    ...oauthRoutes.map(wrap),
    { method: "POST", host: "oauth2.googleapis.com", path: "/revoke", handle: revoke },
    { method: "GET", host: API_HOST, path: "/v4/users/:user/identity", handle: identity },
    ...dataRoutes,
    exportTcxRoute,
  ],
};
