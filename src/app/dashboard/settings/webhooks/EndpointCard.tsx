import type { DeliveryLogEntry } from "@/lib/db/queries/webhook-deliveries";
import type { WebhookEndpoint } from "@/lib/db/schema";
import { deleteEndpointAction, sendTestEventAction } from "./actions";
import { DeliveryLog } from "./DeliveryLog";

export function EndpointCard({
  endpoint,
  deliveries,
}: {
  endpoint: Pick<WebhookEndpoint, "id" | "url" | "events">;
  deliveries: DeliveryLogEntry[];
}) {
  return (
    <li
      className="flex flex-col gap-3 py-4"
      data-testid="webhook-endpoint"
      aria-label={`Webhook endpoint ${endpoint.url}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium break-all">{endpoint.url}</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{endpoint.events.join(", ")}</p>
        </div>
        <div className="flex gap-1">
          <form action={sendTestEventAction}>
            <input type="hidden" name="endpointId" value={endpoint.id} />
            <button className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800">
              Send test event
            </button>
          </form>
          <form action={deleteEndpointAction}>
            <input type="hidden" name="endpointId" value={endpoint.id} />
            <button className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950">
              Delete
            </button>
          </form>
        </div>
      </div>
      <DeliveryLog deliveries={deliveries} />
    </li>
  );
}
