import type { Metadata } from "next";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { METRIC_NAMES } from "@/lib/merge/daily/metrics";
import { labelSource } from "@/lib/merge/daily/source-label";
import { listSourceOrders } from "@/lib/merge/daily/source-order";
import { findSourcePriorities } from "@/lib/db/queries/source-priorities";
import { ActivitySourceOrder } from "./ActivitySourceOrder";
import { SourceOrderList } from "./SourceOrderList";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  const user = await requireUser();
  const db = await getDb();
  const [orders, activityOrders] = await Promise.all([
    listSourceOrders(db, { userId: user.id }),
    findSourcePriorities(db, { userId: user.id }),
  ]);
  return (
    <>
      <PageHeader
        title="Sources"
        description="Where two sources measured the same thing, the one higher in the list counts. For steps, each hour comes from the first source that has steps in it, so the phone fills the hours the watch was off. Your order is kept across every sync."
      />
      {orders.length ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {orders.map((order) => (
            <SourceOrderList
              key={order.metric}
              order={{ ...order, title: METRIC_NAMES[order.metric], labels: order.sources.map(labelSource) }}
            />
          ))}
        </div>
      ) : (
        <EmptyState title="No sources yet" action={{ href: "/dashboard/settings", label: "Connect a source" }}>
          Once data arrives from a source, its metrics are listed here to put in order.
        </EmptyState>
      )}
      <ActivitySourceOrder saved={activityOrders} />
    </>
  );
}
