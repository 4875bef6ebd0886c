import type { WorkoutPushView } from "@/lib/workouts/plan-view";

const PILLS = {
  pushed: { label: "Sent", className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" },
  pending: { label: "Sending", className: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" },
  outdated: {
    label: "Changed since sent",
    className: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
} as const;

/** Where a plan went and how it went, one line per destination. */
export function PushStatusList({ pushes, names }: { pushes: WorkoutPushView[]; names: ReadonlyMap<string, string> }) {
  if (!pushes.length) return <p className="text-sm text-zinc-500">Not sent anywhere yet.</p>;
  return (
    <ul className="flex flex-col gap-1.5" aria-label="Where it was sent">
      {pushes.map((push) => {
        const pill = push.status === "pushed" && push.isCurrent === false ? PILLS.outdated : PILLS[push.status];
        return (
          <li key={push.connectionId} className="flex flex-wrap items-center gap-2 text-sm" data-testid="push-status">
            <span className="font-medium">{names.get(push.connectionId) ?? push.provider ?? "A connection"}</span>
            <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${pill.className}`}>{pill.label}</span>
            {push.status === "pushed" ? (
              <span className="text-zinc-600 dark:text-zinc-400">
                {push.scheduledDate ? `on the calendar for ${push.scheduledDate}` : "in the workout library"}
              </span>
            ) : null}
            {push.status === "failed" && push.message ? (
              <span className="w-full text-red-700 dark:text-red-400">{push.message}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
