"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { JobView } from "@/lib/jobs/job-view";
import { startWeightSyncAction, type WeightSyncState } from "./actions";
import { WeightJobStatus } from "./WeightJobStatus";

const POLL_MS = 1500;
const isActive = (job: JobView | null) =>
  job !== null && (job.status === "pending" || job.status === "running" || job.status === "waiting");

const button =
  "rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:cursor-wait disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

type Props = {
  /** The linked accounts whose weight history can be walked. */
  accounts: Array<{ id: string; label: string }>;
  /** The person's latest weight walk, so a reload mid-walk keeps showing it. */
  latestJob: JobView | null;
};

/**
 * "Sync recent (30 days)" and "Sync all" for a weight walk, with its progress read from
 * GET /api/jobs/:id while it runs; the page re-renders once it ends, to show the new rows.
 */
export function WeightSyncControls({ accounts, latestJob }: Props) {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState<WeightSyncState, FormData>(startWeightSyncAction, null);
  const [polled, setPolled] = useState<JobView | null>(null);
  const started = state && "job" in state ? state.job : latestJob;
  const job = polled && started && polled.id === started.id ? polled : started;
  const jobId = job?.id;
  const isRunning = isActive(job);

  useEffect(() => {
    if (!jobId || !isRunning) return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" }).catch(() => null);
      if (!response?.ok) return;
      const { job: next } = (await response.json()) as { job: JobView };
      setPolled(next);
      if (!isActive(next)) router.refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [jobId, isRunning, router]);

  return (
    <div className="flex flex-col gap-2">
      <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label="Sync weight">
        {accounts.length > 1 ? (
          <label className="flex items-center gap-2 text-sm">
            Account
            <select
              name="connectionId"
              className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            >
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="connectionId" value={accounts[0]!.id} />
        )}
        <button name="scope" value="30d" disabled={isPending} className={button}>
          Sync recent (30 days)
        </button>
        <button name="scope" value="all" disabled={isPending} className={button}>
          Sync all
        </button>
      </form>
      {state && "error" in state ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      {job ? <WeightJobStatus job={job} /> : null}
    </div>
  );
}
