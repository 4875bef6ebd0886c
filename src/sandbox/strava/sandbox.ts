import { sandboxAccount } from "@/sandbox/accounts";
import { listStravaActivities } from "./sandbox-activities";
import { createStravaUpload, getStravaUpload } from "./sandbox-uploads";
import { stravaEventBody } from "@/lib/providers/strava/webhook";
import { authenticateBearer, createOAuth2Server, UNKNOWN_CLIENT } from "@/sandbox/oauth2-server";
import type { SandboxProvider, SandboxRequest } from "@/sandbox/types";

const HOST = "www.strava.com";

// Strava's own error shape: {"message": "...", "errors": [{resource, field, code}]}.
const stravaError = (status: number, message: string, resource: string, field: string, code = "invalid") =>
  Response.json({ message, errors: [{ resource, field, code }] }, { status });

export const authorizationError = () => stravaError(401, "Authorization Error", "Athlete", "access_token");

function athleteJson(login: string) {
  const account = sandboxAccount("strava", login);
  return {
    id: account.numericId,
    username: login,
    resource_state: 2,
    firstname: account.firstName,
    lastname: account.lastName,
    city: "Boulder",
    country: "United States",
    sex: "F",
    premium: true,
    summit: true,
    created_at: "2019-03-01T12:00:00Z",
  };
}

const oauthRoutes = (tokenPath: string) =>
  createOAuth2Server({
    provider: "strava",
    providerName: "Strava",
    authorize: { host: HOST, path: "/oauth/authorize" },
    token: { host: HOST, path: tokenPath },
    clientAuth: "body",
    pkce: "none",
    scopeSeparator: ",",
    isScopeInRedirect: true,
    accessTokenTtlSeconds: 6 * 60 * 60,
    refresh: "rotate",
    tokenBody: (issued) => ({
      token_type: "Bearer",
      access_token: issued.accessToken,
      expires_at: Math.floor(Date.now() / 1000) + (issued.expiresIn ?? 0),
      expires_in: issued.expiresIn,
      refresh_token: issued.refreshToken,
      ...(issued.grant === "authorization_code" ? { athlete: athleteJson(issued.account) } : {}),
    }),
    errorResponse: (code, description) => {
      if (code === "invalid_client")
        return stravaError(
          400,
          "Bad Request",
          "Application",
          description === UNKNOWN_CLIENT ? "client_id" : "client_secret",
        );
      if (code === "invalid_grant" && /authorization code/i.test(description))
        return stravaError(400, "Bad Request", "AuthorizationCode", "code");
      if (code === "invalid_grant") return stravaError(400, "Bad Request", "RefreshToken", "refresh_token");
      return stravaError(400, "Bad Request", "Authorize", "grant_type");
    },
  });

async function deauthorize(request: SandboxRequest) {
  const form = new URLSearchParams(await request.request.text());
  const header = request.request.headers.get("authorization");
  const token = form.get("access_token") ?? (header?.startsWith("Bearer ") ? header.slice(7) : "");
  const issued = request.state.accessTokens.get(token);
  if (!issued || issued.provider !== "strava") return authorizationError();
  request.state.revokeAccount("strava", issued.account);
  return Response.json({ access_token: token });
}

export const stravaSandbox: SandboxProvider = {
  // Strava signs nothing: the event alone, as JSON.
  buildWebhook: ({ account, kind }) => ({
    headers: { "content-type": "application/json" },
    body: JSON.stringify(
      stravaEventBody(
        sandboxAccount("strava", account).numericId,
        kind === "deauthorized" ? "deauthorized" : "activity_created",
      ),
    ),
  }),
  routes: [
    // The token endpoint answers at both documented paths; the authorize page is shared.
    ...oauthRoutes("/oauth/token"),
    ...oauthRoutes("/api/v3/oauth/token").filter((route) => route.path === "/api/v3/oauth/token"),
    { method: "POST", host: HOST, path: "/oauth/deauthorize", handle: deauthorize },
    { method: "GET", host: HOST, path: "/api/v3/athlete/activities", handle: listStravaActivities },
    { method: "POST", host: HOST, path: "/api/v3/uploads", handle: createStravaUpload },
    { method: "GET", host: HOST, path: "/api/v3/uploads/:uploadId", handle: getStravaUpload },
    {
      method: "GET",
      host: HOST,
      path: "/api/v3/athlete",
      handle: (request) => {
        const auth = authenticateBearer(request, "strava", authorizationError);
        if (auth instanceof Response) return auth;
        return Response.json(athleteJson(auth.account));
      },
    },
  ],
};
