import { createHmac, randomBytes } from "node:crypto";

// Standard Webhooks (https://www.standardwebhooks.com/): the secret is "whsec_" + base64 of
// the key bytes; each attempt signs "<id>.<timestamp>.<body>" with HMAC-SHA256 and sends
// "v1,<base64 signature>" beside the id and the timestamp (Unix seconds).
const SECRET_PREFIX = "whsec_";
const SECRET_BYTES = 24;

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

export function signWebhook(params: { secret: string; id: string; timestamp: number; body: string }): string {
  const key = Buffer.from(params.secret.slice(SECRET_PREFIX.length), "base64");
  const signature = createHmac("sha256", key)
    .update(`${params.id}.${params.timestamp}.${params.body}`)
    .digest("base64");
  return `v1,${signature}`;
}

/** The headers of one attempt: the timestamp is the attempt's, so a retry is signed anew. */
export function webhookHeaders(params: { secret: string; id: string; body: string; now: Date }) {
  const timestamp = Math.floor(params.now.getTime() / 1000);
  return {
    "webhook-id": params.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ ...params, timestamp }),
  };
}
