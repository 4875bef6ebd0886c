import { randomUUID } from "node:crypto";
import { sandboxAccount } from "@/sandbox/accounts";
import { authenticateBearer, createOAuth2Server } from "@/sandbox/oauth2-server";
import type { SandboxHandler, SandboxProvider, SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { whoopDataRoutes } from "./sandbox-data";
import { recordAt, whoopNightRecords } from "./sandbox-records";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, whoopSignature, type WhoopEvent } from "@/lib/providers/whoop/webhook";

const HOST = "api.prod.whoop.com";
const AUTHORIZE_PATH = "/oauth/oauth2/auth";
const TOKEN_PATH = "/oauth/oauth2/token";
const MIN_STATE_LENGTH = 8;

// WHOOP documents no body for its API 401s.
const unauthorized = () => new Response(null, { status: 401 });

const oauthRoutes = createOAuth2Server({
  provider: "whoop",
  providerName: "WHOOP",
  authorize: { host: HOST, path: AUTHORIZE_PATH },
  token: { host: HOST, path: TOKEN_PATH },
  clientAuth: "body",
  pkce: "none",
  scopeSeparator: " ",
  // The redirect back carries code, scope and state.
  isScopeInRedirect: true,
  accessTokenTtlSeconds: 3600,
  refresh: "rotate",
  issuesRefreshToken: (scopes) => scopes.includes("offline"),
  // WHOOP's reply: lower-case "bearer", the granted scope, refresh_token only with `offline`.
  tokenBody: (issued) => ({
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    refresh_token: issued.refreshToken,
    scope: issued.scopes.join(" "),
    token_type: "bearer",
  }),
});

/**
 * WHOOP's authorize endpoint refuses a state under 8 characters (reported by several
 * integrations; the same rule as Ory Hydra's), redirecting back with error=invalid_state.
 */
const checkState =
  (inner: SandboxHandler): SandboxHandler =>
  (request) => {
    const state = request.url.searchParams.get("state") ?? "";
    const redirectUri = request.url.searchParams.get("redirect_uri");
    if (state.length >= MIN_STATE_LENGTH || !redirectUri) return inner(request);
    const redirect = new URL(redirectUri);
    redirect.searchParams.set("error", "invalid_state");
    redirect.searchParams.set(
      "error_description",
      `The state is missing or does not have enough characters and is therefore considered too weak. Request parameter 'state' must be at least be ${MIN_STATE_LENGTH} characters long to ensure sufficient entropy.`,
    );
    if (state) redirect.searchParams.set("state", state);
    return new Response(null, { status: 302, headers: { location: redirect.toString() } });
  };

/**
 * WHOOP's refresh tutorial: `scope=offline` "allows your app to receive a refresh token, along
 * with the new access token". A refresh without it spends the old refresh token and gets none back.
 */
const offlineOnRefresh =
  (inner: SandboxHandler): SandboxHandler =>
  async (request) => {
    const form = new URLSearchParams(await request.request.clone().text());
    const response = await inner(request);
    const asksOffline = (form.get("scope") ?? "").split(" ").includes("offline");
    if (form.get("grant_type") !== "refresh_token" || asksOffline || !response.ok) return response;
    const { refresh_token: withheld, ...body } = (await response.json()) as Record<string, unknown>;
    if (typeof withheld === "string") request.state.refreshTokens.delete(withheld);
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  };

function wrapOAuthRoute(route: SandboxRoute): SandboxRoute {
  if (route.path === AUTHORIZE_PATH) return { ...route, handle: checkState(route.handle) };
  if (route.path === TOKEN_PATH) return { ...route, handle: offlineOnRefresh(route.handle) };
  return route;
}

function basicProfile(request: SandboxRequest) {
  const auth = authenticateBearer(request, "whoop", unauthorized);
  if (auth instanceof Response) return auth;
  if (!auth.scopes.includes("read:profile")) return unauthorized();
  const account = sandboxAccount("whoop", auth.account);
  return Response.json({
    user_id: account.numericId,
    email: account.email,
    first_name: account.firstName,
    last_name: account.lastName,
  });
}

/** DELETE /developer/v2/user/access: ends the whole grant for the token's user. */
function revokeAccess(request: SandboxRequest) {
  request.state.record({ provider: "whoop", method: "DELETE", path: "/developer/v2/user/access" });
  const auth = authenticateBearer(request, "whoop", unauthorized);
  if (auth instanceof Response) return auth;
  request.state.revokeAccount("whoop", auth.account);
  return new Response(null, { status: 204 });
}

/**
 * WHOOP's `sleep.updated` for the account's latest sleep, signed with the client secret.
 * WHOOP sends nothing when someone revokes access, so there is no deauthorization to build.
 */
function buildWebhook({ account, kind, clientSecret }: Parameters<NonNullable<SandboxProvider["buildWebhook"]>>[0]) {
  // WHOOP sends no deauthorization webhook: it stops sending that person's webhooks instead.
  if (kind === "deauthorized") return undefined;
  const now = Date.now();
  const latestSleep = whoopNightRecords(account, now)
    .sleeps.map((record) => recordAt(record, now))
    .findLast(Boolean);
  const event: WhoopEvent = {
    user_id: sandboxAccount("whoop", account).numericId,
    id: String(latestSleep?.id ?? randomUUID()),
    type: "sleep.updated",
    trace_id: randomUUID(),
  };
  const body = JSON.stringify(event);
  const timestamp = String(now);
  return {
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: whoopSignature(clientSecret, timestamp, body),
      [TIMESTAMP_HEADER]: timestamp,
    },
    body,
  };
}

export const whoopSandbox: SandboxProvider = {
  buildWebhook,
  routes: [
    ...oauthRoutes.map(wrapOAuthRoute),
    { method: "GET", host: HOST, path: "/developer/v2/user/profile/basic", handle: basicProfile },
    { method: "DELETE", host: HOST, path: "/developer/v2/user/access", handle: revokeAccess },
    ...whoopDataRoutes,
  ],
};
