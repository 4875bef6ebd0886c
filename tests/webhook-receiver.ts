import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac, timingSafeEqual } from "node:crypto";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on a real port: answers each request with the next status in `statuses`
 * (the last one repeats; 0 never answers), and keeps what it was sent.
 */
export async function startWebhookReceiver(statuses: number[] = [200]) {
  const received: ReceivedWebhook[] = [];
  const answers = [...statuses];
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
    const status = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (status === 0) return;
    response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "receiver is down");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** From now on, answer every request with this status. */
    answerWith(status: number) {
      answers.splice(0, answers.length, status);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Verifies a delivery as the Standard Webhooks spec tells a receiver to, written from the spec
 * and apart from the app's signer: the key is the base64 after "whsec_", the signed content is
 * "<webhook-id>.<webhook-timestamp>.<body>", and webhook-signature holds space-separated
 * "v1,<base64 HMAC-SHA256>" entries, any of which may match.
 */
export function verifyStandardWebhook(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof signatures !== "string") return false;
  if (!/^\d+$/.test(timestamp)) return false;
  const [prefix, encodedKey] = secret.split("_");
  if (prefix !== "whsec" || !encodedKey) return false;
  const expected = createHmac("sha256", Buffer.from(encodedKey, "base64"))
    .update(Buffer.from(`${id}.${timestamp}.${body}`, "utf8"))
    .digest();
  return signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",");
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
