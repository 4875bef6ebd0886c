import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import {
  type OwnedResources,
  readJsonBody,
  withOwnedResource,
  withOwnedResourceUpdate,
} from "@/sandbox/owned-resources";
import type { SandboxState } from "@/sandbox/state";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { DAY_MS } from "@/lib/dates";

// Oura's app-level webhook subscription API (/v2/webhook/subscription): client id and secret in
// headers, one subscription per (event_type, data_type), a GET challenge to the callback URL
// before a subscription is created or moved, and an expiration_time only renew pushes forward.

const API_HOST = "api.ouraring.com";
const BASE = "/v2/webhook/subscription";
/** Oura publishes no lifetime; a month makes a missed renewal show up in any long-running demo. */
const SANDBOX_SUBSCRIPTION_LIFETIME_DAYS = 30;

const DATA_TYPES = [
  "tag",
  "enhanced_tag",
  "workout",
  "session",
  "sleep",
  "daily_sleep",
  "daily_readiness",
  "daily_activity",
  "daily_spo2",
  "sleep_time",
  "rest_mode_period",
  "ring_configuration",
  "daily_stress",
  "daily_cardiovascular_age",
  "daily_resilience",
  "vo2_max",
  "meal",
] as const;
const EVENT_TYPES = ["create", "update", "delete"] as const;

const createSchema = z.object({
  callback_url: z.url(),
  verification_token: z.string().min(1),
  event_type: z.enum(EVENT_TYPES),
  data_type: z.enum(DATA_TYPES),
});
const updateSchema = createSchema.partial().required({ verification_token: true });

export interface SandboxOuraSubscription {
  id: string;
  clientId: string;
  callbackUrl: string;
  eventType: string;
  dataType: string;
  expiresAt: Date;
}

const subscriptionsByState = new WeakMap<SandboxState, Map<string, SandboxOuraSubscription>>();

/** The subscriptions the sandboxed Oura holds, by id; tests read and age them. */
export function ouraSandboxSubscriptions(state: SandboxState): Map<string, SandboxOuraSubscription> {
  let map = subscriptionsByState.get(state);
  if (!map) subscriptionsByState.set(state, (map = new Map()));
  return map;
}

const problem = (status: number, title: string, detail: string) =>
  Response.json({ status, title, detail }, { status, headers: { "content-type": "application/problem+json" } });

const toJson = (subscription: SandboxOuraSubscription) => ({
  id: subscription.id,
  callback_url: subscription.callbackUrl,
  event_type: subscription.eventType,
  data_type: subscription.dataType,
  expiration_time: subscription.expiresAt.toISOString(),
});

const nextExpiry = () => new Date(Date.now() + SANDBOX_SUBSCRIPTION_LIFETIME_DAYS * DAY_MS);

/** The caller's client id after the x-client-id / x-client-secret check, or the 401 Oura answers. */
function authenticateClient(request: SandboxRequest, action: string): string | Response {
  request.state.record({ provider: "oura", method: request.request.method, path: `${BASE}${action}` });
  const clientId = request.request.headers.get("x-client-id");
  if (!clientId || !request.state.isClient("oura", clientId, request.request.headers.get("x-client-secret"))) {
    return problem(401, "Unauthorized", "x-client-id and x-client-secret must name a registered application.");
  }
  return clientId;
}

/** Oura's handshake: our GET must come back 200 with the same challenge, or nothing is saved. */
async function verifyCallback(callbackUrl: string, verificationToken: string): Promise<boolean> {
  const challenge = randomBytes(16).toString("hex");
  const url = new URL(callbackUrl);
  url.searchParams.set("verification_token", verificationToken);
  url.searchParams.set("challenge", challenge);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json().catch(() => null)) as { challenge?: unknown } | null;
    return response.status === 200 && body?.challenge === challenge;
  } catch {
    return false;
  }
}

const verificationFailed = () =>
  problem(400, "Bad Request", "The callback URL did not answer the verification challenge.");

const subscriptionsOfClient: OwnedResources<SandboxOuraSubscription> = {
  authenticate: authenticateClient,
  find: (request, clientId) => {
    const subscription = ouraSandboxSubscriptions(request.state).get(request.params.id ?? "");
    return subscription?.clientId === clientId ? subscription : undefined;
  },
  notFound: () => problem(404, "Not Found", "No such webhook subscription."),
  // FastAPI's validation reply, as Oura sends it.
  invalidBody: (error) =>
    Response.json(
      { detail: error.issues.map((issue) => ({ loc: ["body", ...issue.path], msg: issue.message, type: issue.code })) },
      { status: 422 },
    ),
};

async function create(request: SandboxRequest) {
  const clientId = authenticateClient(request, "");
  if (clientId instanceof Response) return clientId;
  const body = await readJsonBody(request, createSchema, subscriptionsOfClient.invalidBody);
  if (body instanceof Response) return body;
  const subscriptions = ouraSandboxSubscriptions(request.state);
  const taken = [...subscriptions.values()].some(
    (s) => s.clientId === clientId && s.eventType === body.event_type && s.dataType === body.data_type,
  );
  if (taken) return problem(409, "Conflict", `A subscription for ${body.event_type} ${body.data_type} exists already.`);
  if (!(await verifyCallback(body.callback_url, body.verification_token))) return verificationFailed();
  const subscription = {
    id: randomUUID(),
    clientId,
    callbackUrl: body.callback_url,
    eventType: body.event_type,
    dataType: body.data_type,
    expiresAt: nextExpiry(),
  };
  subscriptions.set(subscription.id, subscription);
  return Response.json(toJson(subscription), { status: 201 });
}

function list(request: SandboxRequest) {
  const clientId = authenticateClient(request, "");
  if (clientId instanceof Response) return clientId;
  return Response.json(
    [...ouraSandboxSubscriptions(request.state).values()].filter((s) => s.clientId === clientId).map(toJson),
  );
}

const get = withOwnedResource(subscriptionsOfClient, "/{id}", (_request, subscription) =>
  Response.json(toJson(subscription)),
);

const update = withOwnedResourceUpdate(subscriptionsOfClient, "/{id}", updateSchema, async (subscription, body) => {
  const callbackUrl = body.callback_url ?? subscription.callbackUrl;
  // A subscription that moves is verified again at its new address.
  if (callbackUrl !== subscription.callbackUrl && !(await verifyCallback(callbackUrl, body.verification_token)))
    return verificationFailed();
  Object.assign(subscription, {
    callbackUrl,
    eventType: body.event_type ?? subscription.eventType,
    dataType: body.data_type ?? subscription.dataType,
  });
  return Response.json(toJson(subscription));
});

const renew = withOwnedResource(subscriptionsOfClient, "/renew/{id}", (_request, subscription) => {
  subscription.expiresAt = nextExpiry();
  return Response.json(toJson(subscription));
});

const remove = withOwnedResource(subscriptionsOfClient, "/{id}", (request, subscription) => {
  ouraSandboxSubscriptions(request.state).delete(subscription.id);
  return new Response(null, { status: 204 });
});

export const ouraWebhookRoutes: SandboxRoute[] = [
  { method: "POST", host: API_HOST, path: BASE, handle: create },
  { method: "GET", host: API_HOST, path: BASE, handle: list },
  { method: "PUT", host: API_HOST, path: `${BASE}/renew/:id`, handle: renew },
  { method: "GET", host: API_HOST, path: `${BASE}/:id`, handle: get },
  { method: "PUT", host: API_HOST, path: `${BASE}/:id`, handle: update },
  { method: "DELETE", host: API_HOST, path: `${BASE}/:id`, handle: remove },
];
