import { sandboxAccount } from "@/sandbox/accounts";
import { authenticateBearer, createOAuth2Server } from "@/sandbox/oauth2-server";
import type { SandboxProvider, SandboxRequest } from "@/sandbox/types";
import { ouraDataRoutes } from "./sandbox-data";
import { ouraWebhookRoutes } from "./sandbox-webhooks";
import { ouraEventBody, ouraSignature } from "@/lib/providers/oura/webhook";

const API_HOST = "api.ouraring.com";

// Outside OAuth, Oura answers errors as RFC 7807 problem details.
const problem = (status: number, title: string, detail: string) =>
  Response.json({ status, title, detail }, { status, headers: { "content-type": "application/problem+json" } });

const unauthorized = () => problem(401, "Unauthorized", "The access token is expired, malformed or revoked.");

function personalInfoJson(login: string, scopes: string[]) {
  const account = sandboxAccount("oura", login);
  const isPersonal = scopes.includes("personal");
  return {
    id: account.uuid,
    age: isPersonal ? 22 + (account.numericId % 40) : null,
    weight: isPersonal ? 52 + (account.numericId % 400) / 10 : null,
    height: isPersonal ? 1.55 + (account.numericId % 40) / 100 : null,
    biological_sex: isPersonal ? (account.numericId % 2 ? "female" : "male") : null,
    email: scopes.includes("email") ? account.email : null,
  };
}

const oauthRoutes = createOAuth2Server({
  provider: "oura",
  providerName: "Oura",
  authorize: { host: "cloud.ouraring.com", path: "/oauth/authorize" },
  token: { host: API_HOST, path: "/oauth/token" },
  clientAuth: "body",
  pkce: "none",
  scopeSeparator: " ",
  isScopeInRedirect: true,
  accessTokenTtlSeconds: 24 * 60 * 60,
  refresh: "rotate",
  // Oura's documented reply: lower-case "bearer", no scope; errors are plain RFC 6749.
  tokenBody: (issued) => ({
    token_type: "bearer",
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    refresh_token: issued.refreshToken,
  }),
});

function revoke(request: SandboxRequest) {
  // The token travels in the query string; Oura asks for no client authentication here.
  const token = request.url.searchParams.get("access_token") ?? "";
  request.state.record({ provider: "oura", method: "POST", path: "/oauth/revoke" });
  const issued = request.state.accessTokens.get(token);
  if (!issued || issued.provider !== "oura" || (issued.expiresAt !== null && issued.expiresAt < Date.now()))
    return unauthorized();
  request.state.revokeAccount("oura", issued.account);
  return new Response(null, { status: 200 });
}

export const ouraSandbox: SandboxProvider = {
  // Oura pushes nothing when access is revoked, so "deauthorized" sends the next ordinary
  // event: the sync it starts meets the 401 that marks the connection.
  buildWebhook: ({ account, clientSecret }) => {
    const body = JSON.stringify(ouraEventBody(sandboxAccount("oura", account).uuid));
    const timestamp = String(Math.floor(Date.now() / 1000));
    return {
      headers: {
        "content-type": "application/json",
        "x-oura-timestamp": timestamp,
        "x-oura-signature": ouraSignature(clientSecret, timestamp, body),
      },
      body,
    };
  },
  routes: [
    ...oauthRoutes,
    { method: "POST", host: API_HOST, path: "/oauth/revoke", handle: revoke },
    ...ouraDataRoutes,
    ...ouraWebhookRoutes,
    {
      method: "GET",
      host: API_HOST,
      path: "/v2/usercollection/personal_info",
      handle: (request) => {
        const auth = authenticateBearer(request, "oura", unauthorized);
        if (auth instanceof Response) return auth;
        return Response.json(personalInfoJson(auth.account, auth.scopes));
      },
    },
  ],
};
