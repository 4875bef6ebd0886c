import { ZodError } from "zod";
import type { Database } from "@/lib/db";
import { findConnectionsByExternalUser, recordProviderPush } from "@/lib/db/queries/connections";
import { rememberFileReferences } from "@/lib/db/queries/original-file-fetches";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { JsonSyntaxError } from "@/lib/ingest/json-stream/json-splitter";
import { receiveText } from "@/lib/ingest/receive-body";
import { enqueueConnectionSync } from "@/lib/jobs";
import { findProvider } from "@/lib/providers";
import type { ProviderDefinition } from "@/lib/providers/types";
import { selectionPayload, streamsForWebhookTypes } from "@/lib/sync/stream-selection";
import { keepPushedBody, readKeptBody, type KeptBody } from "./kept-body";
import { DEFAULT_WEBHOOK_BODY_BYTES, type WebhookEvent, type WebhookRequest } from "./types";
import { resolveWebhookSecrets } from "./webhook-secrets";

/** A webhook request with its body read whole, refused past `maxBytes` (signatures are computed over the exact raw body). */
export async function readWebhookRequest(
  request: Request,
  maxBytes = DEFAULT_WEBHOOK_BODY_BYTES,
): Promise<WebhookRequest> {
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    rawBody: await receiveText(request, maxBytes),
  };
}

const refuse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status });

/**
 * A provider push: verify it, then queue a sync for every connection it names and answer at
 * once; the sync runs only the streams that read what the push says changed. Nothing in the
 * body is trusted beyond "whose data changed, of which type" and, for ping-style
 * providers, the provider URLs that hold it (vetted by the provider's parseEvents): the sync
 * fetches with that person's token, and a claimed deauthorization is confirmed the same way (the sync
 * fails with the provider's refusal and the connection is marked for reconnection). A push
 * that carries the data itself (Garmin's push mode) is kept and written by a job per person.
 *
 * The body is read only once the slug is known, and never past the provider's limit.
 */
export async function handleProviderWebhook(
  db: Database,
  slug: string,
  incoming: Request | WebhookRequest,
  origin: string,
): Promise<Response> {
  const provider = findProvider(slug);
  const secrets = provider?.webhook ? await resolveWebhookSecrets(db, provider.slug, origin) : undefined;
  if (!provider?.webhook || !secrets) return refuse(404, "NOT_FOUND", `No webhooks for "${slug}".`);
  const webhook = provider.webhook;
  const maxBytes = webhook.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_BYTES;

  try {
    if (webhook.keptBody && incoming.method === "POST") {
      // Such a provider authenticates by headers: an unauthenticated body is never read.
      if (
        !webhook.isAuthentic(
          { method: incoming.method, url: new URL(incoming.url), headers: incoming.headers, rawBody: "" },
          secrets,
        )
      )
        return unauthentic();
      const { events, body } = await readKeptBody(incoming, webhook.keptBody, maxBytes);
      return await queueForEvents(db, provider, events, body);
    }
    const request = "rawBody" in incoming ? incoming : await readWebhookRequest(incoming, maxBytes);
    const handshake = webhook.handshake?.(request, secrets);
    if (handshake) return handshake;
    if (request.method !== "POST") return refuse(405, "METHOD_NOT_ALLOWED", "POST events here.");
    if (!webhook.isAuthentic(request, secrets)) return unauthentic();
    return await queueForEvents(db, provider, webhook.parseEvents(request));
  } catch (error) {
    if (error instanceof AppError && error.code === "PAYLOAD_TOO_LARGE") return errorResponse(error);
    if (!(error instanceof ZodError) && !(error instanceof SyntaxError) && !(error instanceof JsonSyntaxError))
      throw error;
    const detail =
      error instanceof ZodError
        ? error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ")
        : error.message;
    return refuse(400, "INVALID_INPUT", `Unreadable ${provider.name} event: ${detail}`);
  }
}

const unauthentic = () => refuse(401, "UNAUTHORIZED", "The webhook signature did not verify.");

/** Queues the work the events call for, per connection they name; `body` is the kept body of a push that carries its data. */
async function queueForEvents(
  db: Database,
  provider: ProviderDefinition,
  events: WebhookEvent[],
  body?: KeptBody,
): Promise<Response> {
  await recordProviderPush(db, {
    provider: provider.slug,
    externalUserIds: [...new Set(events.map((event) => event.externalUserId))],
  });
  let queued = 0;
  let receiptId: string | undefined;
  for (const externalUserId of new Set(events.map((event) => event.externalUserId))) {
    const theirs = events.filter((event) => event.externalUserId === externalUserId);
    const isPushed = Boolean(body) && theirs.some((event) => event.kind === "sync" && event.isPushed);
    const toFetch = theirs.filter((event) => event.kind !== "sync" || !event.isPushed);
    const isDeauthorized = toFetch.some((event) => event.kind === "deauthorized");
    const reason = isDeauthorized ? "deauthorized" : "webhook";
    const callbackUrls = [
      ...new Set(toFetch.flatMap((event) => (event.kind === "sync" ? (event.callbackUrls ?? []) : []))),
    ];
    // A claimed revocation is confirmed by a sync of everything (the first request is refused).
    const streams = isDeauthorized
      ? "all"
      : toFetch.length
        ? streamsForWebhookTypes(
            provider.sync,
            toFetch.map((event) => (event.kind === "sync" ? event.webhookType : undefined)),
          )
        : [];
    // Files it names (Garmin's activityFiles) are kept as due now and fetched by the sync.
    const files = toFetch.flatMap((event) => (event.kind === "sync" ? (event.files ?? []) : []));
    // Every change it names is data we do not store, or data the body already holds.
    const isSyncNeeded = streams === "all" || streams.length > 0 || files.length > 0;
    if (!isSyncNeeded && !isPushed) continue;
    const payload = { ...(callbackUrls.length ? { callbackUrls } : {}), ...selectionPayload(streams) };
    for (const connection of await findConnectionsByExternalUser(db, { provider: provider.slug, externalUserId })) {
      if (connection.status === "revoked") continue;
      const owner = { userId: connection.userId, connectionId: connection.id };
      await rememberFileReferences(db, { ...owner, provider: provider.slug }, files);
      if (isPushed) {
        // Kept once, and only when someone it names is ours; one job per receipt and connection.
        receiptId ??= await keepPushedBody(db, { provider: provider.slug, body: body! });
        await enqueueConnectionSync(db, {
          ...owner,
          kind: "push",
          payload: { receiptId },
          idempotencyKey: `push:${receiptId}:${connection.id}`,
        });
        queued++;
      }
      if (isSyncNeeded) {
        await enqueueConnectionSync(db, { ...owner, kind: "webhook", reason, payload });
        queued++;
      }
    }
  }
  const status = provider.webhook!.successStatus ?? 200;
  if (status === 204) return new Response(null, { status });
  return Response.json(provider.webhook!.successBody ?? { received: events.length, queued }, { status });
}
