import { ZodError } from "zod";
import { providerSetting } from "@/env";
import type { Database } from "@/lib/db";
import { findConnectionsByExternalUser } from "@/lib/db/queries/connections";
import { enqueueConnectionSync } from "@/lib/jobs";
import { findProvider } from "@/lib/providers";
import { resolveProviderRoute } from "@/lib/providers/routing";
import { sandboxWebhookSecret } from "@/lib/sandbox/accounts";
import type { WebhookRequest, WebhookSecrets } from "./types";

export async function readWebhookRequest(request: Request): Promise<WebhookRequest> {
  return { method: request.method, url: new URL(request.url), headers: request.headers, rawBody: await request.text() };
}

function secretsFor(slug: string, origin: string): WebhookSecrets | undefined {
  const route = resolveProviderRoute(slug, origin);
  if (route.mode === "not_configured") return undefined;
  const isSimulated = route.mode !== "real";
  return {
    ...route.credentials,
    webhookSecret: providerSetting(slug, "WEBHOOK_SECRET") ?? (isSimulated ? sandboxWebhookSecret(slug) : undefined),
  };
}

/**
 * A provider push: verify it, then queue a sync for every connection it names and answer at
 * once. Nothing in the body is trusted beyond "whose data changed" and, for ping-style
 * providers, the provider URLs that hold it (vetted by the provider's parseEvents): the sync
 * fetches with that person's token, and a claimed deauthorization is confirmed the same way (the sync
 * fails with the provider's refusal and the connection is marked for reconnection).
 */
export async function handleProviderWebhook(db: Database, slug: string, request: WebhookRequest, origin: string): Promise<Response> {
  const provider = findProvider(slug);
  const secrets = provider?.webhook ? secretsFor(slug, origin) : undefined;
  if (!provider?.webhook || !secrets) return Response.json({ error: { code: "NOT_FOUND", message: `No webhooks for "${slug}".` } }, { status: 404 });

  const handshake = provider.webhook.handshake?.(request, secrets);
  if (handshake) return handshake;
  if (request.method !== "POST") return Response.json({ error: { code: "METHOD_NOT_ALLOWED", message: "POST events here." } }, { status: 405 });
  if (!provider.webhook.isAuthentic(request, secrets)) {
    return Response.json({ error: { code: "UNAUTHORIZED", message: "The webhook signature did not verify." } }, { status: 401 });
  }

  let events;
  try {
    events = provider.webhook.parseEvents(request);
  } catch (error) {
    if (!(error instanceof ZodError) && !(error instanceof SyntaxError)) throw error;
    const detail = error instanceof ZodError ? error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ") : error.message;
    return Response.json({ error: { code: "INVALID_INPUT", message: `Unreadable ${provider.name} event: ${detail}` } }, { status: 400 });
  }

  let queued = 0;
  for (const externalUserId of new Set(events.map((event) => event.externalUserId))) {
    const theirs = events.filter((event) => event.externalUserId === externalUserId);
    const reason = theirs.some((event) => event.kind === "deauthorized") ? "deauthorized" : "webhook";
    const callbackUrls = [...new Set(theirs.flatMap((event) => (event.kind === "sync" ? (event.callbackUrls ?? []) : [])))];
    const payload = callbackUrls.length ? { callbackUrls } : undefined;
    for (const connection of await findConnectionsByExternalUser(db, { provider: slug, externalUserId })) {
      if (connection.status === "revoked") continue;
      await enqueueConnectionSync(db, { userId: connection.userId, connectionId: connection.id, kind: "webhook", reason, payload });
      queued++;
    }
  }
  const status = provider.webhook.successStatus ?? 200;
  if (status === 204) return new Response(null, { status });
  return Response.json(provider.webhook.successBody ?? { received: events.length, queued }, { status });
}
