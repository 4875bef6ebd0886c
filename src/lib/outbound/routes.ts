import { z } from "zod";
import type { Database } from "@/lib/db";
import { listEndpointDeliveries, redeliver } from "@/lib/db/queries/webhook-deliveries";
import {
  deleteWebhookEndpoint,
  getWebhookEndpointOrThrow,
  listWebhookEndpoints,
} from "@/lib/db/queries/webhook-endpoints";
import { readJsonBody } from "@/lib/http/json-body";
import { requestOrigin } from "@/lib/http/request-origin";
import { withApiCaller } from "@/lib/http/with-api-user";
import { queueTestEvent, registerEndpoint, toEndpointView } from "./endpoints";
import { webhookUrlPolicy, type WebhookUrlPolicy } from "./url-safety";

// The handlers behind /api/webhooks/endpoints and /api/webhooks/deliveries, built around the
// database (and URL policy) they use so tests can serve them on their own.

const idSchema = z.object({ id: z.uuid({ message: "must be an id (UUID)" }) });
const limitSchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const noStore = { "cache-control": "no-store" };

export function outboundWebhookRoutes(deps: { getDb?: () => Promise<Database>; policy?: WebhookUrlPolicy } = {}) {
  const api = <Params extends object = object>(handler: Parameters<typeof withApiCaller<Params>>[0]) =>
    // Registering URLs that receive the person's data is a change of their account: `write`.
    withApiCaller<Params>(handler, { getDb: deps.getDb, scope: "write" });

  return {
    list: api(async ({ db, userId }) =>
      Response.json(
        { endpoints: (await listWebhookEndpoints(db, { userId })).map(toEndpointView) },
        { headers: noStore },
      ),
    ),

    create: api(async ({ db, userId, request }) => {
      const policy = deps.policy ?? webhookUrlPolicy([requestOrigin(request)]);
      const created = await registerEndpoint(db, { userId, input: await readJsonBody(request), policy });
      return Response.json(created, { status: 201, headers: noStore });
    }),

    remove: api<{ id: string }>(async ({ db, userId, params }) => {
      const { id } = idSchema.parse(params);
      await deleteWebhookEndpoint(db, { userId, endpointId: id });
      return new Response(null, { status: 204 });
    }),

    deliveries: api<{ id: string }>(async ({ db, userId, params, request }) => {
      const { id } = idSchema.parse(params);
      const { limit } = limitSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
      await getWebhookEndpointOrThrow(db, { userId, endpointId: id });
      const deliveries = await listEndpointDeliveries(db, { userId, endpointId: id, limit });
      return Response.json({ deliveries }, { headers: noStore });
    }),

    test: api<{ id: string }>(async ({ db, userId, params }) => {
      const { id } = idSchema.parse(params);
      const eventId = await queueTestEvent(db, { userId, endpointId: id });
      return Response.json({ eventId }, { status: 202 });
    }),

    resend: api<{ id: string }>(async ({ db, userId, params }) => {
      const { id } = idSchema.parse(params);
      const delivery = await redeliver(db, { userId, deliveryId: id });
      return Response.json({ delivery: { id: delivery.id, eventId: delivery.eventId } }, { status: 202 });
    }),
  };
}
