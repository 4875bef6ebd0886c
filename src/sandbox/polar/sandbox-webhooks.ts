import { randomBytes } from "node:crypto";
import { z } from "zod";
import { sandboxCredentials } from "@/sandbox/accounts";
import {
  type OwnedResources,
  readJsonBody,
  withOwnedResource,
  withOwnedResourceUpdate,
} from "@/sandbox/owned-resources";
import type { SandboxState } from "@/sandbox/state";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { polarError } from "./sandbox-data";

// AccessLink's webhook API: one webhook per client, managed with Basic client auth. Creating
// it (or moving or re-activating it) first POSTs a PING to the URL, which must answer 200;
// the signature_secret_key it is signed with appears once, in the creation reply.

const API_HOST = "www.polaraccesslink.com";
const EVENTS = [
  "EXERCISE",
  "SLEEP",
  "CONTINUOUS_HEART_RATE",
  "SLEEP_WISE_CIRCADIAN_BEDTIME",
  "SLEEP_WISE_ALERTNESS",
  "ACTIVITY_SUMMARY",
  "PHYSICAL_INFORMATION",
] as const;

const createSchema = z.object({ events: z.array(z.enum(EVENTS)).min(1), url: z.url() });
const patchSchema = createSchema.partial();

export interface SandboxPolarWebhook {
  id: string;
  events: string[];
  url: string;
  isActive: boolean;
  signatureSecretKey: string;
}

const webhooksByState = new WeakMap<SandboxState, Map<string, SandboxPolarWebhook>>();
function webhooksOf(state: SandboxState) {
  let map = webhooksByState.get(state);
  if (!map) webhooksByState.set(state, (map = new Map()));
  return map;
}

/** A client's webhook (the built-in sandbox client's by default), if registered; its key signs that client's pushes. */
export const polarSandboxWebhook = (
  state: SandboxState,
  clientId: string = sandboxCredentials("polar").clientId,
): SandboxPolarWebhook | undefined => webhooksOf(state).get(clientId);

/** The caller's client id after the Basic check, or Polar's 401. */
function authenticateClient(request: SandboxRequest, path: string): string | Response {
  request.state.record({ provider: "polar", method: request.request.method, path });
  const header = request.request.headers.get("authorization") ?? "";
  const decoded = header.startsWith("Basic ") ? Buffer.from(header.slice(6), "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const [clientId, clientSecret] = colon < 0 ? ["", ""] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  if (!request.state.isClient("polar", clientId, clientSecret))
    return polarError(401, "UNAUTHORIZED", "Client authentication failed.");
  return clientId;
}

async function ping(url: string): Promise<boolean> {
  // Sent unsigned, as integrations observe: the receiver cannot know the key yet.
  const body = JSON.stringify({ event: "PING", timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") });
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

const pingFailed = (url: string) =>
  polarError(400, "BAD_REQUEST", `Webhook verification failed: ${url} did not answer the PING with 200.`);

const webhookOfClient: OwnedResources<SandboxPolarWebhook> = {
  authenticate: authenticateClient,
  find: (request, clientId) => {
    const webhook = webhooksOf(request.state).get(clientId);
    return webhook?.id === request.params.webhookId ? webhook : undefined;
  },
  notFound: () => polarError(404, "NOT_FOUND", "Webhook not found."),
  invalidBody: (error) => {
    const issue = error.issues[0]!;
    return polarError(400, "BAD_REQUEST", `${issue.path.join(".") || "body"}: ${issue.message}`);
  },
};

async function create(request: SandboxRequest) {
  const clientId = authenticateClient(request, "/v3/webhooks");
  if (clientId instanceof Response) return clientId;
  const body = await readJsonBody(request, createSchema, webhookOfClient.invalidBody);
  if (body instanceof Response) return body;
  if (webhooksOf(request.state).has(clientId))
    return polarError(409, "CONFLICT", "Webhook already exists for this client.");
  if (!(await ping(body.url))) return pingFailed(body.url);
  const webhook = {
    id: randomBytes(4).toString("hex"),
    events: body.events,
    url: body.url,
    isActive: true,
    signatureSecretKey: randomBytes(16).toString("hex"),
  };
  webhooksOf(request.state).set(clientId, webhook);
  return Response.json(
    {
      data: {
        id: webhook.id,
        events: webhook.events,
        url: webhook.url,
        signature_secret_key: webhook.signatureSecretKey,
      },
    },
    { status: 201 },
  );
}

function list(request: SandboxRequest) {
  const clientId = authenticateClient(request, "/v3/webhooks");
  if (clientId instanceof Response) return clientId;
  const webhook = webhooksOf(request.state).get(clientId);
  return Response.json({
    data: webhook ? [{ id: webhook.id, events: webhook.events, url: webhook.url, active: webhook.isActive }] : [],
  });
}

const update = withOwnedResourceUpdate(
  webhookOfClient,
  "/v3/webhooks/{webhook-id}",
  patchSchema,
  async (webhook, body) => {
    if (body.url && body.url !== webhook.url && !(await ping(body.url))) return pingFailed(body.url);
    Object.assign(webhook, { url: body.url ?? webhook.url, events: body.events ?? webhook.events });
    return Response.json({ data: { id: webhook.id, events: webhook.events, url: webhook.url } });
  },
);

const remove = withOwnedResource(webhookOfClient, "/v3/webhooks/{webhook-id}", (request, _webhook, clientId) => {
  webhooksOf(request.state).delete(clientId);
  return new Response(null, { status: 204 });
});

/** POST /v3/webhooks/activate | deactivate: Polar deactivates on its own after 7 days of failed deliveries. */
function setActive(isActive: boolean) {
  return async (request: SandboxRequest) => {
    const clientId = authenticateClient(request, `/v3/webhooks/${isActive ? "activate" : "deactivate"}`);
    if (clientId instanceof Response) return clientId;
    const webhook = webhooksOf(request.state).get(clientId);
    if (!webhook) return webhookOfClient.notFound();
    if (isActive && !(await ping(webhook.url))) return pingFailed(webhook.url);
    webhook.isActive = isActive;
    return new Response(null, { status: 204 });
  };
}

export const polarWebhookRoutes: SandboxRoute[] = [
  { method: "POST", host: API_HOST, path: "/v3/webhooks/activate", handle: setActive(true) },
  { method: "POST", host: API_HOST, path: "/v3/webhooks/deactivate", handle: setActive(false) },
  { method: "POST", host: API_HOST, path: "/v3/webhooks", handle: create },
  { method: "GET", host: API_HOST, path: "/v3/webhooks", handle: list },
  { method: "PATCH", host: API_HOST, path: "/v3/webhooks/:webhookId", handle: update },
  { method: "DELETE", host: API_HOST, path: "/v3/webhooks/:webhookId", handle: remove },
];
