import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { SPORT_FAMILIES } from "@/lib/activity/sport-family";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { findSourcePriorities } from "@/lib/db/queries/source-priorities";
import { ANY_SPORT, DEFAULT_SOURCE_ORDER } from "@/lib/merge/activities/priorities";
import { saveSourceOrderAction } from "./actions";

export const metadata: Metadata = { title: "Sources" };

const sportName = (sport: string) => (sport === ANY_SPORT ? "All sports" : sport.replaceAll("_", " "));

export default async function SourcesPage() {
  const user = await requireUser();
  const saved = await findSourcePriorities(await getDb(), { userId: user.id });
  const sports = [ANY_SPORT, ...Object.keys(SPORT_FAMILIES)];
  return (
    <>
      <PageHeader
        title="Sources"
        description="When several sources have the same activity, the first source in this order is the one shown; the others are listed beside it. Separate source names with commas."
      />
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="default-order">
        Default: {DEFAULT_SOURCE_ORDER.join(", ")}
      </p>
      <div className="flex flex-col gap-3">
        {sports.map((sport) => (
          <form
            key={sport}
            action={saveSourceOrderAction}
            className="flex flex-wrap items-center gap-2 text-sm"
            data-testid={`source-order-${sport === ANY_SPORT ? "all" : sport}`}
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
    </>
  );
}
