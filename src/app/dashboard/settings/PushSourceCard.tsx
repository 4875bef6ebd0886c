import Link from "next/link";
import type { IngestReceipt } from "@/lib/db/queries/ingest-receipts";
import type { ProviderConnection } from "@/lib/db/schema";
import type { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import { ProviderBadge } from "./ProviderBadge";
import { UnfinishedPushes } from "./UnfinishedPushes";

const TABLE_LABELS: Record<string, [string, string]> = {
  samples: ["sample", "samples"],
  activities: ["workout", "workouts"],
  sleepSessions: ["night", "nights"],
  bodyMeasurements: ["body measurement", "body measurements"],
  dailySummaries: ["day", "days"],
};

function summarize(receipt: IngestReceipt): string {
  const parts = Object.entries(receipt.counts ?? {})
    .filter(([table]) => table in TABLE_LABELS)
    .map(([table, counts]) => {
      const total = (counts.inserted ?? 0) + (counts.updated ?? 0) + (counts.unchanged ?? 0);
      return `${total.toLocaleString("en")} ${TABLE_LABELS[table]![total === 1 ? 0 : 1]}`;
    });
  return parts.join(", ") || "nothing new";
}

type PushSourceCardProps = {
  source: (typeof PUSH_SOURCES)[number];
  connection?: ProviderConnection;
  receipt?: IngestReceipt;
  /** The user's received bodies not yet processed; their source is known only once read. */
  unfinishedCount?: number;
};

/** A phone app that pushes to us: no Connect button, just when it last sent and what. */
export function PushSourceCard({ source, connection, receipt, unfinishedCount = 0 }: PushSourceCardProps) {
  return (
    <section
      aria-labelledby={`source-${source.slug}`}
      className="flex flex-col gap-3 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-start gap-3">
        <ProviderBadge name={source.name} color={source.brandColor} />
        <div>
          <h2 id={`source-${source.slug}`} className="font-semibold">
            {source.name}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Pushed from your phone by {source.app}.</p>
        </div>
      </header>
      {receipt ? (
        <p className="text-sm" data-testid={`push-status-${source.slug}`}>
          Last received {receipt.receivedAt.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}:{" "}
          {receipt.status === "failed" ? (
            <span className="text-red-700 dark:text-red-400">refused ({receipt.error})</span>
          ) : (
            summarize(receipt)
          )}
        </p>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {connection ? "Set up, nothing received yet." : "Not set up yet."}
        </p>
      )}
      <UnfinishedPushes count={unfinishedCount} />
      <Link
        href="/dashboard/settings/api-keys"
        className="mt-auto text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
      >
        {receipt ? "Keys and setup" : `Set up ${source.app}`}
      </Link>
    </section>
  );
}
