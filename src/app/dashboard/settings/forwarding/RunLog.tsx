import type { RunView } from "@/lib/forwarding/views";
import { DecisionTable } from "./DecisionTable";
import { DECISION_LABELS, dateTime, typeLabel } from "./labels";

const REASONS: Record<string, string> = {
  on_demand: "run now",
  retry: "retry",
  after_sync: "after a sync",
  after_backfill: "after a backfill",
  after_webhook: "after a push",
  after_push: "after a push",
};

const STATUS: Record<string, string> = {
  pending: "Queued",
  running: "Running",
  waiting: "Waiting",
  succeeded: "Done",
  partial: "Done, with failures",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** The latest forwarding runs, newest first, each with every decision it made and the provider's words. */
export function RunLog({ runs }: { runs: RunView[] }) {
  return (
    <ol className="flex flex-col gap-4" data-testid="forwarding-runs" aria-label="Recent forwarding runs">
      {runs.map((run) => {
        const { job } = run;
        const total = job.progress.total;
        return (
          <li
            key={job.id}
            data-testid="forwarding-run"
            data-status={job.status}
            className="rounded-xl border border-zinc-200 p-4 dark:border-zinc-800"
          >
            <p className="text-sm">
              <span className="font-medium">{STATUS[job.status] ?? job.status}</span>
              {" · "}
              <span data-testid="forwarding-run-progress">
                {job.progress.done} of {total ?? "…"}
              </span>
              {run.reason ? ` · ${REASONS[run.reason] ?? run.reason}` : ""} · {dateTime(job.createdAt)}
            </p>
            {job.status === "running" || job.status === "pending" ? (
              <progress
                max={Math.max(total ?? 1, 1)}
                value={total ? job.progress.done : 0}
                aria-label="Run progress"
                className="mt-2 h-1.5 w-48 accent-brand-600"
              />
            ) : null}
            {job.error ? <p className="mt-1 text-sm text-amber-700 dark:text-amber-400">{job.error}</p> : null}
            {run.entries.length ? (
              <DecisionTable
                className="mt-2 overflow-x-auto"
                label={`Decisions of the run at ${dateTime(job.createdAt)}`}
                columns={["Activity", "Decision", "Details"]}
              >
                {run.entries.map((entry) => (
                  <tr key={entry.id} data-testid="forwarding-log-entry" data-decision={entry.decision}>
                    <td className="py-1.5 pr-3">
                      {entry.activity.name ?? typeLabel(entry.activity.type)}{" "}
                      <span className="text-zinc-500">{dateTime(entry.activity.startAt)}</span>
                    </td>
                    <td className="py-1.5 pr-3 font-medium">{DECISION_LABELS[entry.decision]}</td>
                    <td className="py-1.5 text-zinc-600 dark:text-zinc-400" data-testid="forwarding-log-message">
                      {[
                        entry.message,
                        entry.matchedExternalId ? `destination activity ${entry.matchedExternalId}` : null,
                        entry.nextAttemptAt ? `next try ${dateTime(entry.nextAttemptAt)}` : null,
                      ]
                        .filter(Boolean)
                        .join(" · ") || "—"}
                    </td>
                  </tr>
                ))}
              </DecisionTable>
            ) : (
              <p className="mt-1 text-sm text-zinc-500">No decisions: nothing to forward.</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
