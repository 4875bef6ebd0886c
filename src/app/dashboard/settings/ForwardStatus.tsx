import Link from "next/link";
import type { SyncJob } from "@/lib/db/schema";

const time = (date: Date) => date.toLocaleTimeString("en", { hour: "2-digit", minute: "2-digit" });

/** One line on the account's unfinished forwarding run, under its sync's: "Forwarding · 3 of 10". */
export function ForwardStatus({ job }: { job: SyncJob | undefined }) {
  if (!job) return null;
  const total = job.progressTotal;
  const words =
    job.status === "pending" && job.runAfter > new Date()
      ? `Forwarding retries at ${time(job.runAfter)}`
      : job.status === "pending"
        ? "Forwarding queued…"
        : job.status === "waiting" && job.waitingUntil
          ? `Forwarding waits until ${time(job.waitingUntil)}`
          : `Forwarding · ${job.progressDone.toLocaleString("en")} of ${total === null ? "…" : total.toLocaleString("en")}`;
  return (
    <div className="mt-1 flex items-center gap-2 text-sm" role="status" data-testid="forward-progress">
      <progress
        max={Math.max(total ?? 1, 1)}
        value={total ? job.progressDone : 0}
        className="h-1.5 w-32 overflow-hidden rounded-full accent-brand-600"
        aria-label="Forwarding progress"
      />
      <Link href="/dashboard/settings/forwarding" className="text-zinc-600 hover:underline dark:text-zinc-400">
        {words}
      </Link>
    </div>
  );
}
