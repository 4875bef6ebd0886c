import type { JobView } from "@/lib/jobs/job-view";

const time = (iso: string) => new Date(iso).toLocaleTimeString("en", { hour: "2-digit", minute: "2-digit" });

/** One line on the weight walk: queued, how far, waiting on a rate limit, or how it ended. */
export function WeightJobStatus({ job }: { job: JobView }) {
  const stored = job.counts.inserted + job.counts.updated;
  if (job.status === "pending" || job.status === "running") {
    return (
      <div className="flex items-center gap-2 text-sm" role="status" data-testid="weight-sync-progress">
        <progress
          max={100}
          value={job.progress.done}
          aria-label="Weight sync progress"
          className="h-1.5 w-32 overflow-hidden rounded-full accent-brand-600"
        />
        <span className="text-zinc-600 dark:text-zinc-400">
          {job.status === "pending"
            ? "Weight sync queued…"
            : `Syncing weight · ${job.progress.done}% · ${stored.toLocaleString("en")} weigh-ins stored`}
        </span>
      </div>
    );
  }
  if (job.status === "waiting") {
    return (
      <p className="text-sm text-amber-700 dark:text-amber-400" role="status" data-testid="weight-sync-progress">
        Waiting on the provider&apos;s rate limit{job.waitingUntil ? ` until ${time(job.waitingUntil)}` : ""} ·{" "}
        {job.progress.done}% · {stored.toLocaleString("en")} weigh-ins stored
      </p>
    );
  }
  if (job.status === "failed") {
    return (
      <p className="text-sm text-red-700 dark:text-red-400" role="status" data-testid="weight-sync-result">
        Weight sync failed: {job.error}
      </p>
    );
  }
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status" data-testid="weight-sync-result">
      Weight sync done: {job.counts.inserted.toLocaleString("en")} new, {job.counts.updated.toLocaleString("en")}{" "}
      updated, {job.counts.unchanged.toLocaleString("en")} unchanged.
    </p>
  );
}
