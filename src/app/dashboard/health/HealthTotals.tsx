import type { MergedTotals } from "@/lib/db/queries/merged-series";
import { formatDistance, type UnitSystem } from "@/lib/format";

const whole = (value: number) => Math.round(value).toLocaleString("en");

/** Steps and distance over the range, from the merged days: what several sources counted is in it once. */
export function HealthTotals({ totals, units }: { totals: MergedTotals; units: UnitSystem }) {
  const tiles = [
    totals.steps && {
      name: "Steps",
      value: whole(totals.steps.total),
      detail: `${whole(totals.steps.total / totals.steps.days)} a day`,
    },
    totals.distance && {
      name: "Distance",
      value: formatDistance(totals.distance.total, units),
      detail: `${formatDistance(totals.distance.total / totals.distance.days, units)} a day`,
    },
  ].filter((tile) => tile !== null);
  if (!tiles.length) return null;
  return (
    <dl className="mb-4 grid grid-cols-2 gap-4 sm:max-w-md" data-testid="health-totals">
      {tiles.map((tile) => (
        <div
          key={tile.name}
          className="rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
          data-testid={`health-total-${tile.name.toLowerCase()}`}
        >
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{tile.name}, all sources once</dt>
          <dd className="text-xl font-semibold tabular-nums">{tile.value}</dd>
          <dd className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{tile.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
