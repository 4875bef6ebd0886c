import type { SyncJob } from "@/lib/db/schema";

const time = (date: Date) => date.toLocaleTimeString("en", { hour: "2-digit", minute: "2-digit" });

/** One line on what the connection's latest sync is doing or did. */
export function SyncStatus({ job }: { job: SyncJob | undefined }) {
  if (!job) return null;
  const stored = job.inserted + job.updated;
  if (job.status === "pending" || job.status === "running") {
    return (
      <div className="mt-2 flex items-center gap-2 text-sm" role="status" data-testid="sync-progress">
        <progress
          max={100}
          value={job.progressDone}
          className="h-1.5 w-32 overflow-hidden rounded-full accent-brand-600"
        />
        <span className="text-zinc-600 dark:text-zinc-400">
          {job.status === "pending" ? "Sync queued…" : `Syncing · ${stored.toLocaleString("en")} items stored`}
        </span>
      </div>
    );
  }
  if (job.status === "waiting" && job.waitingUntil) {
    return (
      <p className="mt-2 text-sm text-amber-700 dark:text-amber-400" role="status">
        Waiting on the provider&apos;s rate limit until {time(job.waitingUntil)} · {stored.toLocaleString("en")} items
        stored
      </p>
    );
  }
  if (job.status === "failed") {
    return <p className="mt-2 text-sm text-red-700 dark:text-red-400">Last sync failed: {job.error}</p>;
  }
  if (job.status === "succeeded" || job.status === "partial") {
    return (
      <p className="mt-1 text-sm text-zinc-500" data-testid="sync-result">
        Last sync: {job.inserted.toLocaleString("en")} new, {job.updated.toLocaleString("en")} updated
        {job.status === "partial" ? " · some data types did not sync (below)" : ""}
      </p>
    );
  }
  return null;
}
