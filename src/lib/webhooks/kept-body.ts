import type { Database } from "@/lib/db";
import { insertIngestReceipt } from "@/lib/db/queries/ingest-receipts";
import { JsonSplitter } from "@/lib/ingest/json-stream/json-splitter";
import { receiveBody, type ReceivedBody } from "@/lib/ingest/receive-body";
import { DEFAULT_WEBHOOK_BODY_BYTES, type KeptBodyReaders, type WebhookEvent, type WebhookRequest } from "./types";

export interface KeptBody {
  received: ReceivedBody;
  contentType: string | null;
}

/**
 * Streams a push body into its gzip while reading the events it names, entry by entry: a
 * 100 MB body is held as its few MB of gzip plus one entry, and a malformed one fails as it
 * arrives.
 */
export async function readKeptBody(
  incoming: Request | WebhookRequest,
  readers: KeptBodyReaders,
  maxBytes = DEFAULT_WEBHOOK_BODY_BYTES,
): Promise<{ events: WebhookEvent[]; body: KeptBody }> {
  const request =
    "rawBody" in incoming
      ? new Request(incoming.url, { method: incoming.method, headers: incoming.headers, body: incoming.rawBody })
      : incoming;
  const reader = readers.readEvents();
  const splitter = new JsonSplitter(reader);
  const received = await receiveBody(request, maxBytes, { onChunk: (chunk) => splitter.write(chunk) });
  splitter.end();
  return { events: reader.finish(), body: { received, contentType: request.headers.get("content-type") } };
}

/** Keeps a push body as a receipt for the jobs that write it. Whose it is the jobs say: one body may carry several people's data. */
export async function keepPushedBody(db: Database, params: { provider: string; body: KeptBody }): Promise<string> {
  const { received, contentType } = params.body;
  const receipt = await insertIngestReceipt(db, {
    userId: null,
    apiKeyId: null,
    format: `${params.provider}-push`,
    contentType,
    bodyBytes: received.bytes,
    bodyGzip: received.gzip,
  });
  return receipt.id;
}
