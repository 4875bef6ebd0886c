import { createOAuth2Server } from "@/sandbox/oauth2-server";
import type { SandboxProvider, SandboxRequest } from "@/sandbox/types";
import { syntheticWorkouts } from "@/sandbox/synthetic";
import { listCorosDailies, listCorosWorkouts, workoutJson } from "./sandbox-data";
import { corosFileRoute } from "./sandbox-files";
import { HOST, accountOf, corosError, corosOk, corosOpenId } from "./sandbox-envelope";
import type { CorosPush } from "@/lib/providers/coros/webhook";

export { corosOpenId } from "./sandbox-envelope";

const TOKEN_TTL_SECONDS = 2_592_000; // 30 days, the reference's expires_in

const oauthRoutes = createOAuth2Server({
  provider: "coros",
  providerName: "COROS",
  authorize: { host: HOST, path: "/oauth2/authorize" },
  token: { host: HOST, path: "/oauth2/accesstoken" },
  clientAuth: "body",
  pkce: "none",
  scopeSeparator: " ",
  accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
  // COROS's documented refresh is /oauth2/refresh-token below. The shared client can only
  // refresh at the token URL, so this endpoint also takes grant_type=refresh_token, keeping
  // the refresh token and answering with a full token reply (undocumented by COROS).
  refresh: "reuse",
  tokenBody: (issued) => ({
    expires_in: issued.expiresIn,
    refresh_token: issued.refreshToken,
    access_token: issued.accessToken,
    openId: corosOpenId(issued.account),
  }),
  errorResponse: corosError,
});

/** POST /oauth2/refresh-token: extends the current access token by 30 days and returns no credentials. */
async function refreshToken(request: SandboxRequest) {
  const form = new URLSearchParams(await request.request.text());
  request.state.record({
    provider: "coros",
    method: "POST",
    path: "/oauth2/refresh-token",
    grant: form.get("grant_type") ?? undefined,
  });
  if (!request.state.isClient("coros", form.get("client_id"), form.get("client_secret")))
    return corosError("invalid_client", "Client authentication failed.");
  if (form.get("grant_type") !== "refresh_token")
    return corosError("unsupported_grant_type", "grant_type must be refresh_token.");
  const issued = request.state.refreshTokens.get(form.get("refresh_token") ?? "");
  if (!issued || issued.provider !== "coros") return corosError("invalid_grant", "The refresh token is invalid.");
  const expiresAt = Date.now() + TOKEN_TTL_SECONDS * 1000;
  for (const token of request.state.accessTokens.values()) {
    if (token.provider === "coros" && token.account === issued.account) token.expiresAt = expiresAt;
  }
  return corosOk();
}

/** POST /oauth2/deauthorize: afterwards both the access token and the refresh token are invalid. */
async function deauthorize(request: SandboxRequest) {
  request.state.record({ provider: "coros", method: "POST", path: "/oauth2/deauthorize" });
  const form = new URLSearchParams(await request.request.text());
  // Integrations send the token as a header, a query parameter or a form field; all are read.
  const token = request.request.headers.get("token") ?? request.url.searchParams.get("token") ?? form.get("token");
  const account = accountOf(request, token);
  if (!account) return corosError("invalid_token", "The access token is invalid.");
  request.state.revokeAccount("coros", account);
  return corosOk();
}

/** GET /coros/bindState?token&openId: token in the query, like every COROS data call. */
function bindState(request: SandboxRequest) {
  request.state.record({ provider: "coros", method: "GET", path: "/coros/bindState" });
  const query = request.url.searchParams;
  // 1 while the binding lives, whether or not the token has expired (reference §3.5).
  const account = accountOf(request, query.get("token"), { allowExpired: true });
  if (!account || query.get("openId") !== corosOpenId(account))
    return corosError("invalid_token", "The token or openId is invalid.");
  return corosOk({ bindState: 1 });
}

const PUSH_LOOKBACK_MS = 30 * 86_400_000;

/** What COROS pushes for an account: its newest workout, with its openId, in `sportDataList`. */
export function corosPushBody(account: string): CorosPush {
  const openId = corosOpenId(account);
  const recent = syntheticWorkouts("coros", account, new Date(Date.now() - PUSH_LOOKBACK_MS), new Date());
  return { sportDataList: recent.slice(-1).map((workout) => ({ ...workoutJson(workout, account), openId })) };
}

export const corosSandbox: SandboxProvider = {
  // COROS authenticates its push with the partner's own client id and secret as headers.
  // It has no unbind notification, so "deauthorized" sends the same workout push: the sync
  // it triggers is what finds the revoked binding.
  buildWebhook: ({ account, clientId, clientSecret }) => ({
    headers: { "content-type": "application/json", client: clientId, secret: clientSecret },
    body: JSON.stringify(corosPushBody(account)),
  }),
  routes: [
    ...oauthRoutes,
    { method: "POST", host: HOST, path: "/oauth2/refresh-token", handle: refreshToken },
    { method: "POST", host: HOST, path: "/oauth2/deauthorize", handle: deauthorize },
    { method: "GET", host: HOST, path: "/coros/bindState", handle: bindState },
    { method: "GET", host: HOST, path: "/v2/coros/sport/list", handle: listCorosWorkouts },
    { method: "GET", host: HOST, path: "/coros/daily/query", handle: listCorosDailies },
    corosFileRoute,
  ],
};
