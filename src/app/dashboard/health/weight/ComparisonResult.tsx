import { formatWeight, type UnitSystem } from "@/lib/format";
import type { WeightComparison } from "@/lib/weight/compare-weights";

type Props = { comparison: WeightComparison; names: Record<string, string>; units: UnitSystem };

const list = "mt-1 max-h-40 overflow-auto text-sm tabular-nums";

/** Counts per source, the days only one has, and the days that differ beyond the tolerance. */
export function ComparisonResult({ comparison, names, units }: Props) {
  const nameA = names[comparison.sourceA] ?? comparison.sourceA;
  const nameB = names[comparison.sourceB] ?? comparison.sourceB;
  const { counts } = comparison;
  return (
    <div className="flex flex-col gap-4" data-testid="weight-comparison">
      <dl className="grid grid-cols-2 gap-3 text-sm">
        {[
          [nameA, counts.sourceA],
          [nameB, counts.sourceB],
        ].map(([name, count]) => (
          <div key={String(name)} className="rounded-xl bg-zinc-50 p-3 dark:bg-zinc-800/60">
            <dt className="font-medium">{String(name)}</dt>
            <dd className="text-zinc-600 dark:text-zinc-400">
              {(count as { records: number }).records.toLocaleString("en")} weigh-ins on{" "}
              {(count as { days: number }).days.toLocaleString("en")} days
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {comparison.matchingDays.toLocaleString("en")} days agree within {formatWeight(comparison.toleranceKg, units)}.
      </p>
      <section aria-label={`Only in ${nameA}`}>
        <h3 className="text-sm font-semibold">
          Only in {nameA} ({comparison.onlyInA.length})
        </h3>
        {comparison.onlyInA.length ? (
          <ul className={list}>
            {comparison.onlyInA.map((day) => (
              <li key={day.date}>
                {day.date} · {formatWeight(day.weightKg, units)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-500">
            None: {nameB} has every day {nameA} has.
          </p>
        )}
      </section>
      <section aria-label={`Only in ${nameB}`}>
        <h3 className="text-sm font-semibold">
          Only in {nameB} ({comparison.onlyInB.length})
        </h3>
        {comparison.onlyInB.length ? (
          <ul className={list}>
            {comparison.onlyInB.map((day) => (
              <li key={day.date}>
                {day.date} · {formatWeight(day.weightKg, units)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-500">None.</p>
        )}
      </section>
      <section aria-label="Different values">
        <h3 className="text-sm font-semibold">Different by more than the tolerance ({comparison.differing.length})</h3>
        {comparison.differing.length ? (
          <ul className={list}>
            {comparison.differing.map((day) => (
              <li key={day.date}>
                {day.date} · {nameA} {formatWeight(day.weightKgA, units)}, {nameB} {formatWeight(day.weightKgB, units)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-500">None.</p>
        )}
      </section>
    </div>
  );
}
