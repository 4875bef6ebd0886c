import { z } from "zod";
import type { Database } from "@/lib/db/client";
import { encryptSecret } from "@/lib/crypto/encryption";
import { insertWebhookEvents } from "@/lib/db/queries/webhook-deliveries";
import { createWebhookEndpoint, getWebhookEndpointOrThrow } from "@/lib/db/queries/webhook-endpoints";
import type { WebhookEndpoint } from "@/lib/db/schema";
import { WEBHOOK_EVENT_TYPES } from "./event-types";
import { generateWebhookSecret } from "./signature";
import { findResolvedProblem, findUrlProblem, type WebhookUrlPolicy } from "./url-safety";

/** A registration's body. The URL is judged by the policy: scheme, the app itself, and every address its host resolves to. */
export function endpointInputSchema(policy: WebhookUrlPolicy) {
  return z.strictObject({
    url: z
      .string({ message: "must be a URL, e.g. https://example.com/qt-hooks" })
      .trim()
      .max(2048, { message: "must be at most 2048 characters" })
      .superRefine(async (value, ctx) => {
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          ctx.addIssue({ code: "custom", message: "must be a full URL, e.g. https://example.com/qt-hooks" });
          return;
        }
        const problem = findUrlProblem(url, policy) ?? (await findResolvedProblem(url, policy));
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}` }), {
        message: "must be a list of event types",
      })
      .min(1, { message: "pick at least one event" })
      .transform((events) => [...new Set(events)]),
  });
}

export type EndpointInput = z.infer<ReturnType<typeof endpointInputSchema>>;

/** What callers see of an endpoint: never its secret, which is shown once when it is made. */
export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  isEnabled: boolean;
  createdAt: string;
}

export const toEndpointView = (endpoint: WebhookEndpoint): EndpointView => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  isEnabled: endpoint.isEnabled,
  createdAt: endpoint.createdAt.toISOString(),
});

/** Registers an endpoint with a new secret, returned this once and stored sealed. */
export async function registerEndpoint(
  db: Database,
  params: { userId: string; input: unknown; policy: WebhookUrlPolicy },
): Promise<{ endpoint: EndpointView; secret: string }> {
  const { url, events } = await endpointInputSchema(params.policy).parseAsync(params.input);
  const secret = generateWebhookSecret();
  const endpoint = await createWebhookEndpoint(db, {
    userId: params.userId,
    url,
    events,
    encryptedSecret: encryptSecret(secret),
  });
  return { endpoint: toEndpointView(endpoint), secret };
}

/** "Send test event": one webhook.test event to this endpoint alone, whatever it subscribes to. */
export async function queueTestEvent(db: Database, params: { userId: string; endpointId: string }): Promise<string> {
  const endpoint = await getWebhookEndpointOrThrow(db, params);
  const [event] = await insertWebhookEvents(db, {
    userId: params.userId,
    events: [
      {
        type: "webhook.test",
        data: { endpointId: endpoint.id, message: "A test event from QT.run: this endpoint receives webhooks." },
        endpointIds: [endpoint.id],
      },
    ],
  });
  return event!.id;
}
