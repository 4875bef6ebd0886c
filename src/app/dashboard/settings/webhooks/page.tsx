import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listEndpointDeliveries } from "@/lib/db/queries/webhook-deliveries";
import { listWebhookEndpoints } from "@/lib/db/queries/webhook-endpoints";
import { AutoRefresh } from "../AutoRefresh";
import { CreateEndpointForm } from "./CreateEndpointForm";
import { EndpointCard } from "./EndpointCard";

export const metadata: Metadata = { title: "Webhooks" };

const LOG_SIZE = 20;

export default async function WebhooksPage() {
  const user = await requireUser();
  const db = await getDb();
  const endpoints = await listWebhookEndpoints(db, { userId: user.id });
  const logs = await Promise.all(
    endpoints.map((endpoint) =>
      listEndpointDeliveries(db, { userId: user.id, endpointId: endpoint.id, limit: LOG_SIZE }),
    ),
  );
  // Live while a delivery waits for its first try (seconds); a retry's backoff is not worth polling for.
  const isSending = logs.some((log) => log.some((delivery) => delivery.status === "pending" && !delivery.attempts));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="QT.run tells your own services when data arrives: each request is signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature) and retried for 24 hours until your endpoint answers 2xx."
      />
      <AutoRefresh isActive={isSending} intervalMs={3000} />
      <section className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <CreateEndpointForm />
        {endpoints.length ? (
          <ul className="mt-4 divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800">
            {endpoints.map((endpoint, index) => (
              <EndpointCard key={endpoint.id} endpoint={endpoint} deliveries={logs[index]!} />
            ))}
          </ul>
        ) : (
          <div className="mt-4">
            <EmptyState title="No webhook endpoints yet">
              Add a URL and pick the events it should hear about. Its signing secret is shown once.
            </EmptyState>
          </div>
        )}
      </section>
    </>
  );
}
