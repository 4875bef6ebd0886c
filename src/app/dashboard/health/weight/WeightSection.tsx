import Link from "next/link";
import type { UnitSystem } from "@/lib/format";
import { CompareWeightDialog } from "./CompareWeightDialog";
import type { WeightSectionData } from "./load-weight-section";
import { WeightSyncControls } from "./WeightSyncControls";
import { WeightTable } from "./WeightTable";

type Props = {
  data: WeightSectionData;
  units: UnitSystem;
  range: { start: string; end: string };
  rangeText: string;
  sourceLabel: (record: { source: string; sourceId: string }) => string;
};

/** Weigh-ins in the page's range as a table, Fitbit's weight history synced on request, and two sources compared. */
export function WeightSection({ data, units, range, rangeText, sourceLabel }: Props) {
  return (
    <section
      id="weight"
      aria-labelledby="weight-title"
      data-testid="weight-section"
      className="mt-4 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="weight-title" className="font-semibold">
            Weight
          </h2>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Each weigh-in {rangeText}, with BMI · the range and its 30 days / 1 year / all choice are at the top of the
            page
          </p>
        </div>
        <CompareWeightDialog
          sources={data.compareSources}
          defaultSourceB={data.defaultSourceB}
          defaultRange={range}
          units={units}
        />
      </header>
      <div className="mb-4">
        {data.accounts.length ? (
          <WeightSyncControls accounts={data.accounts} latestJob={data.latestJob} />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <Link href="/dashboard/settings" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
              Connect Fitbit
            </Link>{" "}
            to sync its weigh-ins here, back to 2015.
          </p>
        )}
      </div>
      {data.records.length ? (
        <WeightTable records={data.records} units={units} sourceLabel={sourceLabel} copies={data.copies} />
      ) : (
        <div
          className="flex min-h-32 flex-col items-center justify-center gap-1 rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
          data-empty=""
        >
          <p className="font-medium text-zinc-800 dark:text-zinc-200">No weigh-ins {rangeText}</p>
          <p className="max-w-md">
            {data.accounts.length
              ? "Sync Fitbit's weight above, or choose a longer range."
              : "Weigh-ins arrive from Fitbit, Garmin, Withings through Apple Health, or a phone's Health Connect."}
          </p>
        </div>
      )}
    </section>
  );
}
