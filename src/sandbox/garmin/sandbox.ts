import { randomUUID } from "node:crypto";
import { sandboxAccount } from "@/sandbox/accounts";
import { authenticateBearer, createOAuth2Server } from "@/sandbox/oauth2-server";
import type { SandboxProvider, SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { activityFileRoute } from "./sandbox-activity-files";
import { garminBackfillRoutes } from "./sandbox-backfill";
import { garminDataRoutes, garminNotification } from "./sandbox-data";
import { authenticateOAuth1, GARMIN_PERMISSIONS, oauth1Routes, revokeOAuth1Account } from "./sandbox-oauth1";
import { GARMIN_SUMMARY_TYPES } from "./sandbox-summaries";
import { garminTrainingRoutes } from "./sandbox-training";

const API_HOST = "apis.garmin.com";
// Observed replies: 90 days less a couple of seconds.
const REFRESH_TOKEN_TTL_SECONDS = 7_775_998;

const unauthorized = () => Response.json({ errorMessage: "Unauthorized" }, { status: 401 });

const oauth2Routes = createOAuth2Server({
  provider: "garmin",
  providerName: "Garmin Connect",
  authorize: { host: "connect.garmin.com", path: "/oauth2Confirm" },
  token: { host: "diauth.garmin.com", path: "/di-oauth2-service/oauth/token" },
  clientAuth: "body",
  pkce: "required",
  scopeSeparator: " ",
  accessTokenTtlSeconds: 24 * 60 * 60,
  refresh: "rotate",
  tokenBody: (issued) => ({
    access_token: issued.accessToken,
    token_type: "bearer",
    expires_in: issued.expiresIn,
    refresh_token: issued.refreshToken,
    refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
    // No scope is requested; the consent page's permissions are what was granted.
    scope: (issued.scopes.length ? issued.scopes : GARMIN_PERMISSIONS).join(" "),
    jti: randomUUID(),
  }),
});

/** Garmin's API takes a Bearer token (OAuth 2.0, with the permissions granted) or an OAuth 1.0a signature. */
async function authenticate(request: SandboxRequest): Promise<{ account: string; scopes?: string[] } | Response> {
  if ((request.request.headers.get("authorization") ?? "").startsWith("OAuth ")) return authenticateOAuth1(request);
  return authenticateBearer(request, "garmin", unauthorized);
}

async function userId(request: SandboxRequest) {
  const auth = await authenticate(request);
  if (auth instanceof Response) return auth;
  return Response.json({ userId: sandboxAccount("garmin", auth.account).uuid });
}

async function deregister(request: SandboxRequest) {
  request.state.record({ provider: "garmin", method: "DELETE", path: "/user/registration" });
  const auth = await authenticate(request);
  if (auth instanceof Response) return auth;
  // The app leaves the person's Garmin account: every token of either kind stops working.
  request.state.revokeAccount("garmin", auth.account);
  revokeOAuth1Account(request.state, auth.account);
  return new Response(null, { status: 204 });
}

// OAuth 2.0 integrations also call the same endpoints under /partner-gateway.
const userRoutes: SandboxRoute[] = ["/wellness-api/rest", "/partner-gateway/rest"].flatMap((prefix): SandboxRoute[] => [
  { method: "GET", host: API_HOST, path: `${prefix}/user/id`, handle: userId },
  { method: "DELETE", host: API_HOST, path: `${prefix}/user/registration`, handle: deregister },
]);

export const garminSandbox: SandboxProvider = {
  routes: [
    ...oauth2Routes,
    ...oauth1Routes,
    ...userRoutes,
    ...garminDataRoutes(authenticate),
    ...garminBackfillRoutes(authenticate),
    activityFileRoute(authenticate),
    ...garminTrainingRoutes(authenticate),
  ],
  // A sync notification covers the last day of uploads of every summary type, as Garmin's would
  // after a day of wearing the watch: a ping names callbackURLs the app then fetches (the
  // activities' FIT files among them), a push (the summary types set to push mode) carries the
  // summaries themselves.
  buildWebhook: ({ account, kind, delivery, clientId }) =>
    kind === "deauthorized"
      ? garminNotification(account, "deregistration", { clientId })
      : garminNotification(account, delivery === "push" ? "push" : "ping", {
          clientId,
          summaryTypes: [...GARMIN_SUMMARY_TYPES, "activityFiles"],
          windowSeconds: 86_400,
        }),
};
