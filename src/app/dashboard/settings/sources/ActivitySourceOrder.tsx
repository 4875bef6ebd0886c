import { SPORT_FAMILIES } from "@/lib/activity/sport-family";
import { ANY_SPORT, DEFAULT_SOURCE_ORDER } from "@/lib/merge/activities/priorities";
import { saveActivitySourceOrderAction } from "./activity-order-actions";

const sportName = (sport: string) => (sport === ANY_SPORT ? "All sports" : sport.replaceAll("_", " "));

/**
 * Which copy of an activity is shown when several sources have it: an order per sport, by
 * provider slug; an empty one falls back to all sports, and that to the default.
 */
export function ActivitySourceOrder({ saved }: { saved: Map<string, string[]> }) {
  const sports = [ANY_SPORT, ...Object.keys(SPORT_FAMILIES)];
  return (
    <section aria-labelledby="activity-order-title" className="mt-8">
      <h2 id="activity-order-title" className="font-semibold">
        Activities
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        When several sources have the same activity, the first source in this order is the one shown; the others are
        listed beside it. Separate source names with commas.
      </p>
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="default-order">
        Default: {DEFAULT_SOURCE_ORDER.join(", ")}
      </p>
      <div className="flex flex-col gap-3">
        {sports.map((sport) => (
          <form
            key={sport}
            action={saveActivitySourceOrderAction}
            className="flex flex-wrap items-center gap-2 text-sm"
            data-testid={`activity-order-${sport === ANY_SPORT ? "all" : sport}`}
          >
            <input type="hidden" name="sport" value={sport} />
            <label htmlFor={`order-${sport}`} className="w-28 capitalize">
              {sportName(sport)}
            </label>
            <input
              id={`order-${sport}`}
              name="providers"
              defaultValue={(saved.get(sport) ?? []).join(", ")}
              placeholder={sport === ANY_SPORT ? "the default" : "as for all sports"}
              aria-label={`Order of sources for ${sportName(sport)}`}
              className="min-w-72 flex-1 rounded-lg border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            />
            <button type="submit" className="rounded-lg bg-brand-700 px-3 py-1 font-medium text-white">
              Save
            </button>
          </form>
        ))}
      </div>
    </section>
  );
}
