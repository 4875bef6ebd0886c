import type { findLatestScores } from "@/lib/db/queries/overview";
import { Card } from "./Card";

/** Readiness and recovery as each source scored the latest day. */
export function Scores({ scores }: { scores: Awaited<ReturnType<typeof findLatestScores>> }) {
  return (
    <Card title="Readiness and recovery" testId="scores">
      {scores.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No scores yet. Oura, WHOOP and Polar score how ready you are.
        </p>
      ) : (
        <ul className="flex flex-col gap-3">
          {scores.map((row) => (
            <li key={row.provider} className="flex items-baseline justify-between gap-3">
              <span className="capitalize">{row.provider}</span>
              <span className="text-sm text-zinc-500">{row.localDate}</span>
              <span className="text-xl font-semibold tabular-nums">
                {Math.round(row.readinessScore ?? row.recoveryScore ?? 0)}
                <span className="ml-1 text-xs font-normal text-zinc-500">
                  {row.readinessScore != null ? "readiness" : "recovery"}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
