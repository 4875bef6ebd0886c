import type { MergedDailyPoint } from "@/lib/db/queries/merged-daily";
import { explainDailyMerge } from "@/lib/merge/daily/explain";
import { labelSource } from "@/lib/merge/daily/source-label";
import Link from "next/link";

type Props = { steps: MergedDailyPoint[] };

/** How the merged steps of the last days in range were made, one sentence a day. */
export function MergeExplanations({ steps }: Props) {
  if (!steps.length) return null;
  return (
    <section
      aria-labelledby="merge-explanations-title"
      data-testid="merge-explanations"
      className="mt-4 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="merge-explanations-title" className="font-semibold">
        How merged steps were counted
      </h2>
      <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
        Each hour counts once, from the first source in{" "}
        <Link href="/dashboard/settings/sources" className="underline">
          your order of sources
        </Link>{" "}
        that has steps in it.
      </p>
      <ul className="space-y-1 text-sm">
        {steps.map((point) => (
          <li key={point.date} data-testid="merge-explanation">
            <time dateTime={point.date} className="mr-2 font-medium tabular-nums">
              {point.date}
            </time>
            {explainDailyMerge("steps", point.value, point.explanation, labelSource)}
          </li>
        ))}
      </ul>
    </section>
  );
}
