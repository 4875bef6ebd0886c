import { joinLinkAction, splitLinkAction } from "./actions";
import { formatDistance, formatDuration, formatElevation, type UnitSystem } from "@/lib/format";
import type { ActivityLinksView } from "@/lib/merge/activities/view";

const cell = "px-3 py-2 text-right tabular-nums";
const orDash = (value: number | null, format: (value: number) => string) => (value == null ? "—" : format(value));

/**
 * The activity's copies across sources: "Also on …", each source's numbers side by side, why
 * they are linked, and the person's controls to split a copy off or link another row by hand.
 */
export function ActivityCopies({
  activityId,
  links,
  linkable,
  units,
}: {
  activityId: string;
  links: ActivityLinksView;
  linkable: Array<{ id: string; source: string; name: string | null; startAt: Date }>;
  units: UnitSystem;
}) {
  const hasCopies = links.copies.length > 1;
  return (
    <section aria-labelledby="sources-heading" data-testid="activity-sources">
      <h2 id="sources-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        Sources
      </h2>
      {hasCopies ? (
        <>
          <p className="mb-3 text-sm" data-testid="also-on">
            Also on {links.alsoOn.join(", ")}
          </p>
          <div className="overflow-x-auto rounded-2xl border border-zinc-200 dark:border-zinc-800">
            <table className="w-full text-sm" aria-label="Each source's numbers">
              <thead className="text-zinc-500">
                <tr>
                  <th className="px-3 py-2 text-left font-medium">Source</th>
                  <th className={`${cell} font-medium`}>Distance</th>
                  <th className={`${cell} font-medium`}>Time</th>
                  <th className={`${cell} font-medium`}>Elevation</th>
                  <th className={`${cell} font-medium`}>Avg HR</th>
                  <th className={`${cell} font-medium`}>Energy</th>
                  <th className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {links.copies.map((copy) => (
                  <tr key={copy.id} className="border-t border-zinc-100 dark:border-zinc-800" data-testid="source-row">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {copy.source}
                      {copy.isPrimary ? <span className="ml-2 text-xs text-zinc-500">(shown)</span> : null}
                      <span className="block text-xs font-normal text-zinc-500">{copy.name ?? "Untitled"}</span>
                    </th>
                    <td className={cell}>{formatDistance(copy.distanceM, units)}</td>
                    <td className={cell}>{formatDuration(copy.durationS)}</td>
                    <td className={cell}>{orDash(copy.elevationGainM, (value) => formatElevation(value, units))}</td>
                    <td className={cell}>{orDash(copy.avgHeartRateBpm, (value) => `${Math.round(value)} bpm`)}</td>
                    <td className={cell}>{orDash(copy.energyKcal, (value) => `${Math.round(value)} kcal`)}</td>
                    <td className="px-3 py-2 text-right">
                      <form action={splitLinkAction}>
                        <input type="hidden" name="activityId" value={copy.id} />
                        <input
                          type="hidden"
                          name="returnTo"
                          value={copy.id === activityId ? links.primaryId : activityId}
                        />
                        <button
                          type="submit"
                          className="text-xs font-medium text-brand-700 hover:underline"
                          aria-label={`Split ${copy.source} off`}
                        >
                          Split off
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul
            className="mt-3 flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400"
            aria-label="Why these are linked"
          >
            {links.links.map((link) => (
              <li key={`${link.activityId}-${link.otherActivityId}`} data-testid="link-explanation">
                {link.explanation}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Only this source has this activity.</p>
      )}
      {linkable.length ? (
        <form action={joinLinkAction} className="mt-4 flex flex-wrap items-center gap-2 text-sm">
          <input type="hidden" name="activityId" value={activityId} />
          <label htmlFor="link-other">Link by hand with</label>
          <select
            id="link-other"
            name="otherActivityId"
            className="rounded-lg border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            {linkable.map((row) => (
              <option key={row.id} value={row.id}>
                {row.source}: {row.name ?? "Untitled"} ({row.startAt.toISOString().slice(11, 16)} UTC)
              </option>
            ))}
          </select>
          <button type="submit" className="rounded-lg bg-brand-700 px-3 py-1 font-medium text-white">
            Link
          </button>
        </form>
      ) : null}
    </section>
  );
}
