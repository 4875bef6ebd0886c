import { sandboxAccount } from "@/sandbox/accounts";
import { authenticateBearer, createOAuth2Server } from "@/sandbox/oauth2-server";
import type { SandboxState } from "@/sandbox/state";
import type { SandboxProvider, SandboxRequest } from "@/sandbox/types";
import {
  listDailyActivity,
  listExercises,
  listNightlyRecharge,
  listSleep,
  polarError,
  polarExerciseWorkouts,
  registrationKey,
} from "./sandbox-data";
import { getExerciseFit } from "./sandbox-files";
import { getPhysicalInfo } from "./sandbox-physical-info";
import { polarRegisterSchema } from "@/lib/providers/polar/schemas";
import { polarSandboxWebhook, polarWebhookRoutes } from "./sandbox-webhooks";
import { POLAR_SIGNATURE_HEADER, polarSignature, type PolarEvent } from "@/lib/providers/polar/webhook";

export { registrationKey };

const API_HOST = "www.polaraccesslink.com";
// The lifetime in Polar's documented token reply (~10 years); its real value is not published.
const TOKEN_TTL_SECONDS = 315_359_999;
/** A sandbox login that never accepted Polar Flow's mandatory consents: registration answers 403. */
export const NO_CONSENT_LOGIN = "no-consent";

const unauthorized = () => polarError(401, "UNAUTHORIZED", "The access token is invalid or revoked.");

const polarUserId = (login: string) => sandboxAccount("polar", login).numericId;

// state.registrations says who is registered; this remembers what they registered with.
const details = new WeakMap<SandboxState, Map<string, { memberId: string; registeredAt: string }>>();
function detailsOf(state: SandboxState) {
  let map = details.get(state);
  if (!map) details.set(state, (map = new Map()));
  return map;
}

function userJson(state: SandboxState, login: string) {
  const account = sandboxAccount("polar", login);
  const registration = detailsOf(state).get(registrationKey(account.numericId));
  return {
    "polar-user-id": account.numericId,
    "member-id": registration?.memberId ?? null,
    "registration-date": registration?.registeredAt ?? null,
    "first-name": account.firstName,
    "last-name": account.lastName,
    birthdate: "1990-04-12",
    gender: account.numericId % 2 ? "FEMALE" : "MALE",
    weight: 55 + (account.numericId % 300) / 10,
    height: 160 + (account.numericId % 30),
    // Null when the partner asks no extra questions, as ours does not.
    "extra-info": null,
  };
}

const oauthRoutes = createOAuth2Server({
  provider: "polar",
  providerName: "Polar Flow",
  authorize: { host: "flow.polar.com", path: "/oauth2/authorization" },
  token: { host: "polarremote.com", path: "/v2/oauth2/token" },
  clientAuth: "basic",
  pkce: "none",
  scopeSeparator: " ",
  accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
  refresh: "none",
  tokenBody: (issued) => ({
    access_token: issued.accessToken,
    token_type: "bearer",
    expires_in: issued.expiresIn,
    x_user_id: polarUserId(issued.account),
  }),
});

/** The caller's account, after the Bearer check and, for /v3/users/{user-id}, that the id is theirs. */
function authenticate(request: SandboxRequest, method: string, path: string) {
  request.state.record({ provider: "polar", method, path });
  const auth = authenticateBearer(request, "polar", unauthorized);
  if (auth instanceof Response) return auth;
  const polarId = polarUserId(auth.account);
  if (request.params.userId !== undefined && request.params.userId !== String(polarId)) {
    return polarError(403, "FORBIDDEN", "The token does not give access to this user.");
  }
  return { account: auth.account, key: registrationKey(polarId) };
}

async function register(request: SandboxRequest) {
  const auth = authenticate(request, "POST", "/v3/users");
  if (auth instanceof Response) return auth;
  const body = polarRegisterSchema.safeParse(await request.request.json().catch(() => null));
  if (!body.success) return polarError(400, "BAD_REQUEST", "A member-id is required.");
  if (auth.account === NO_CONSENT_LOGIN)
    return polarError(403, "FORBIDDEN", "User has not accepted all mandatory consents.");
  const { state } = request;
  const memberId = body.data["member-id"];
  const isMemberIdTaken = [...detailsOf(state)].some(
    ([key, registration]) => registration.memberId === memberId && state.registrations.has(key),
  );
  if (state.registrations.has(auth.key) || isMemberIdTaken) {
    return polarError(409, "CONFLICT", "User already registered to partner or duplicated member-id.");
  }
  state.registrations.add(auth.key);
  detailsOf(state).set(auth.key, { memberId, registeredAt: new Date().toISOString() });
  return Response.json(userJson(state, auth.account));
}

function getUser(request: SandboxRequest) {
  const auth = authenticate(request, "GET", "/v3/users/{user-id}");
  if (auth instanceof Response) return auth;
  // Like every user-data endpoint, nothing is readable before registration.
  if (!request.state.registrations.has(auth.key))
    return polarError(403, "FORBIDDEN", "User is not registered to partner.");
  return Response.json(userJson(request.state, auth.account));
}

function deleteUser(request: SandboxRequest) {
  const auth = authenticate(request, "DELETE", "/v3/users/{user-id}");
  if (auth instanceof Response) return auth;
  if (!request.state.registrations.has(auth.key))
    return polarError(404, "NOT_FOUND", "User is not registered to partner.");
  request.state.registrations.delete(auth.key);
  detailsOf(request.state).delete(auth.key);
  // De-registration revokes the access token too.
  request.state.revokeAccount("polar", auth.account);
  return new Response(null, { status: 204 });
}

/**
 * The EXERCISE notification Polar pushes when the account's newest training session arrives.
 * Polar has no revocation push (access removed in Polar Flow shows up as a 401 on the next
 * data call), so a "deauthorized" send is the same notification: the sync it triggers is
 * what discovers the revocation.
 */
function exerciseEvent(login: string): PolarEvent {
  const newest = polarExerciseWorkouts(login).sort((a, b) => b.startAt.getTime() - a.startAt.getTime())[0];
  const entityId = (newest?.id ?? Date.now()).toString(36).toUpperCase();
  return {
    event: "EXERCISE",
    user_id: polarUserId(login),
    entity_id: entityId,
    timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    url: `https://${API_HOST}/v3/exercises/${entityId}`,
  };
}

export const polarSandbox: SandboxProvider = {
  buildWebhook: ({ account, webhookSecret, clientId, state }) => {
    const body = JSON.stringify(exerciseEvent(account));
    // Once the app registered its webhook, Polar signs with the key that registration handed out.
    const key = (state && polarSandboxWebhook(state, clientId)?.signatureSecretKey) ?? webhookSecret;
    return {
      headers: { "content-type": "application/json", [POLAR_SIGNATURE_HEADER]: polarSignature(body, key) },
      body,
    };
  },
  routes: [
    ...oauthRoutes,
    // Before /v3/users/:userId, which would otherwise take /v3/users/sleep for a user id.
    { method: "GET", host: API_HOST, path: "/v3/exercises", handle: listExercises },
    { method: "GET", host: API_HOST, path: "/v3/exercises/:exerciseId/fit", handle: getExerciseFit },
    { method: "GET", host: API_HOST, path: "/v3/users/activities", handle: listDailyActivity },
    { method: "GET", host: API_HOST, path: "/v3/users/sleep", handle: listSleep },
    { method: "GET", host: API_HOST, path: "/v3/users/nightly-recharge", handle: listNightlyRecharge },
    { method: "GET", host: API_HOST, path: "/v3/users/physical-info", handle: getPhysicalInfo },
    { method: "POST", host: API_HOST, path: "/v3/users", handle: register },
    { method: "GET", host: API_HOST, path: "/v3/users/:userId", handle: getUser },
    { method: "DELETE", host: API_HOST, path: "/v3/users/:userId", handle: deleteUser },
    ...polarWebhookRoutes,
  ],
};
