import { ZodError } from "zod";
import type { Database } from "@/lib/db";
import { findConnectionsByExternalUser, recordProviderPush } from "@/lib/db/queries/connections";
import { enqueueConnectionSync } from "@/lib/jobs";
import { findProvider } from "@/lib/providers";
import { selectionPayload, streamsForWebhookTypes } from "@/lib/sync/stream-selection";
import type { WebhookRequest } from "./types";
import { resolveWebhookSecrets } from "./webhook-secrets";

export async function readWebhookRequest(request: Request): Promise<WebhookRequest> {
  return { method: request.method, url: new URL(request.url), headers: request.headers, rawBody: await request.text() };
}

/**
 * A provider push: verify it, then queue a sync for every connection it names and answer at
 * once; the sync runs only the streams that read what the push says changed. Nothing in the
 * body is trusted beyond "whose data changed, of which type" and, for ping-style
 * providers, the provider URLs that hold it (vetted by the provider's parseEvents): the sync
 * fetches with that person's token, and a claimed deauthorization is confirmed the same way (the sync
 * fails with the provider's refusal and the connection is marked for reconnection).
 */
export async function handleProviderWebhook(db: Database, slug: string, request: WebhookRequest, origin: string): Promise<Response> {
  const provider = findProvider(slug);
  const secrets = provider?.webhook ? await resolveWebhookSecrets(db, provider.slug, origin) : undefined;
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

  await recordProviderPush(db, { provider: slug, externalUserIds: [...new Set(events.map((event) => event.externalUserId))] });
  let queued = 0;
  for (const externalUserId of new Set(events.map((event) => event.externalUserId))) {
    const theirs = events.filter((event) => event.externalUserId === externalUserId);
    const isDeauthorized = theirs.some((event) => event.kind === "deauthorized");
    const reason = isDeauthorized ? "deauthorized" : "webhook";
    const callbackUrls = [...new Set(theirs.flatMap((event) => (event.kind === "sync" ? (event.callbackUrls ?? []) : [])))];
    // A claimed revocation is confirmed by a sync of everything (the first request is refused).
    const streams = isDeauthorized ? "all" : streamsForWebhookTypes(provider.sync, theirs.map((event) => (event.kind === "sync" ? event.webhookType : undefined)));
    // Every change it names is data we do not store.
    if (streams !== "all" && streams.length === 0) continue;
    const payload = { ...(callbackUrls.length ? { callbackUrls } : {}), ...selectionPayload(streams) };
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
