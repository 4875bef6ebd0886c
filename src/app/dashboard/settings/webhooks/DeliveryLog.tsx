import type { DeliveryLogEntry } from "@/lib/db/queries/webhook-deliveries";
import { resendDeliveryAction } from "./actions";

const time = (value: Date | null) =>
  value ? value.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" }) : "—";

const STATUS_STYLE: Record<DeliveryLogEntry["status"], string> = {
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  succeeded: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

/** An endpoint's recent deliveries: what was sent, how it went, and a way to send it again. */
export function DeliveryLog({ deliveries }: { deliveries: DeliveryLogEntry[] }) {
  if (!deliveries.length) return <p className="text-sm text-zinc-500">Nothing sent yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Recent deliveries">
        <thead className="text-xs text-zinc-500">
          <tr>
            <th className="py-1.5 pr-3 font-medium">Event</th>
            <th className="py-1.5 pr-3 font-medium">Status</th>
            <th className="py-1.5 pr-3 font-medium">Attempts</th>
            <th className="py-1.5 pr-3 font-medium">Last answer</th>
            <th className="py-1.5 pr-3 font-medium">Created</th>
            <th className="py-1.5 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-testid="webhook-delivery-row" data-status={delivery.status}>
              <td className="py-1.5 pr-3">
                <code>{delivery.type}</code>
              </td>
              <td className="py-1.5 pr-3">
                <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_STYLE[delivery.status]}`}>
                  {delivery.status}
                </span>
                {delivery.status === "pending" && delivery.attempts > 0 ? (
                  <span className="ml-1 text-xs text-zinc-500">next {time(delivery.nextAttemptAt)}</span>
                ) : null}
              </td>
              <td className="py-1.5 pr-3">{delivery.attempts}</td>
              <td className="max-w-xs truncate py-1.5 pr-3" title={delivery.lastError ?? undefined}>
                {delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : (delivery.lastError ?? "—")}
              </td>
              <td className="py-1.5 pr-3 whitespace-nowrap">{time(delivery.createdAt)}</td>
              <td className="py-1.5 text-right">
                <form action={resendDeliveryAction}>
                  <input type="hidden" name="deliveryId" value={delivery.id} />
                  <button
                    aria-label={`Send ${delivery.type} again`}
                    className="rounded-lg px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
                  >
                    Send again
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
