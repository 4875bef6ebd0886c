import type { WeightRecord } from "@/lib/db/queries/weigh-ins";
import { markupShape, raw, slot } from "@/components/health/markup-shape";
import { RepeatedMarkup } from "@/components/health/RepeatedMarkup";
import { element, escapeMarkup } from "@/components/health/svg-markup";
import { formatWeight, type UnitSystem } from "@/lib/format";

/** Rows shown at most; a longer range says so and points to a narrower one. */
export const WEIGHT_TABLE_LIMIT = 400;

const cell = "whitespace-nowrap px-3 py-2";

type Props = {
  records: WeightRecord[];
  units: UnitSystem;
  /** A source's name on the page ("Fitbit (Google Health)", "Garmin · account …1234"). */
  sourceLabel: (record: { source: string; sourceId: string }) => string;
  /** Merged: per weigh-in, the other services that reported it too (kept as copies, not counted). */
  copies: Map<string, Array<{ provider: string; sourceId: string }>>;
};

// Cells are styled from the tbody (child selectors), so each of a year's rows carries no classes.
const ROWS_CLASS =
  "tabular-nums *:border-t *:border-zinc-100 dark:*:border-zinc-800 [&_td]:whitespace-nowrap [&_td]:px-3 [&_td]:py-2 [&_td:nth-child(2)]:text-right [&_td:nth-child(3)]:text-right";
const ROW = markupShape`<tr data-row="" data-date="${slot("date")}" data-weight-kg="${slot("kg")}"><td>${slot("date")}</td><td>${slot("weight")}</td><td>${slot("bmi")}</td><td>${slot("source")}${slot("also")}</td></tr>`;

/** One weigh-in's slot values (see markup-shape.ts: a year of rows was most of the page's payload). */
function row(record: WeightRecord, units: UnitSystem, label: string, alsoFrom: string[]): string[] {
  return ROW.row({
    date: record.date,
    kg: record.weightKg,
    weight: formatWeight(record.weightKg, units),
    bmi: record.bmi === null ? "—" : record.bmi.toFixed(1),
    source: label,
    also: alsoFrom.length
      ? raw(
          element(
            "span",
            { class: "ml-2 text-xs text-zinc-500 dark:text-zinc-400", "data-testid": "weigh-in-copies" },
            escapeMarkup(`also from ${alsoFrom.join(", ")}`),
          ),
        )
      : "",
  });
}

/** Every weigh-in in the range, newest first: date, weight in the person's units, BMI and source. */
export function WeightTable({ records, units, sourceLabel, copies }: Props) {
  const newest = [...records].reverse().slice(0, WEIGHT_TABLE_LIMIT);
  return (
    <>
      <div className="max-h-96 overflow-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm" data-testid="weight-table">
          <caption className="sr-only">Weigh-ins, newest first</caption>
          <thead className="sticky top-0 bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className={`${cell} font-medium`}>
                Date
              </th>
              <th scope="col" className={`${cell} text-right font-medium`}>
                Weight
              </th>
              <th scope="col" className={`${cell} text-right font-medium`}>
                BMI
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Source
              </th>
            </tr>
          </thead>
          <RepeatedMarkup
            tag="tbody"
            className={ROWS_CLASS}
            template={ROW.template}
            rows={newest.map((record) =>
              row(
                record,
                units,
                sourceLabel(record),
                (copies.get(record.id) ?? []).map((copy) =>
                  sourceLabel({ source: copy.provider, sourceId: copy.sourceId }),
                ),
              ),
            )}
          />
        </table>
      </div>
      {records.length > newest.length ? (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Showing the {newest.length.toLocaleString("en")} most recent of {records.length.toLocaleString("en")}{" "}
          weigh-ins; choose a shorter range above for older ones.
        </p>
      ) : null}
    </>
  );
}
