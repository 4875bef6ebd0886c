"use client";

import { startTransition, useActionState, useRef } from "react";
import type { UnitSystem } from "@/lib/format";
import { compareWeightsAction, forwardWeightsAction, type CompareState, type ForwardState } from "./actions";
import { ComparisonResult } from "./ComparisonResult";
import type { WeightComparison } from "@/lib/weight/compare-weights";

/** What was compared, not what the form says now: the forward sends exactly the gaps shown. */
function forwardForm(comparison: WeightComparison): FormData {
  const data = new FormData();
  data.set("sourceA", comparison.sourceA);
  data.set("sourceB", comparison.sourceB);
  data.set("start_date", comparison.startDate);
  data.set("end_date", comparison.endDate);
  return data;
}

type Props = {
  /** Every source to choose from: slug and name. */
  sources: Array<{ slug: string; name: string }>;
  /** Source B to start with: a linked account that takes weigh-ins, else Garmin. */
  defaultSourceB: string;
  defaultRange: { start: string; end: string };
  units: UnitSystem;
};

const field = "rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const label = "flex flex-col gap-1 text-xs font-medium";
const secondary =
  "rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";

/**
 * "Compare sources": two sources' weigh-ins over a range, side by side by day, and a button
 * that forwards the days only the first has to the second where that account accepts weight.
 */
export function CompareWeightDialog({ sources, defaultSourceB, defaultRange, units }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [compared, compare, isComparing] = useActionState<CompareState, FormData>(compareWeightsAction, null);
  const [forwarded, forward, isForwarding] = useActionState<ForwardState, FormData>(forwardWeightsAction, null);
  const names = Object.fromEntries(sources.map((source) => [source.slug, source.name]));
  const comparison = compared && "comparison" in compared ? compared.comparison : null;
  const unit = units === "imperial" ? "lb" : "kg";
  const defaultA = sources.some((source) => source.slug === "fitbit") ? "fitbit" : sources[0]?.slug;
  const defaultB = sources.find((source) => source.slug === defaultSourceB)?.slug ?? sources[1]?.slug;

  return (
    <>
      <button type="button" className={secondary} onClick={() => dialog.current?.showModal()}>
        Compare sources
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="compare-weight-title"
        className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <header className="mb-4 flex items-start justify-between gap-4">
          <div>
            <h2 id="compare-weight-title" className="text-lg font-semibold">
              Compare weight sources
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Days only one source has, and days whose first weigh-ins differ by more than the tolerance.
            </p>
          </div>
          <button type="button" className={secondary} onClick={() => dialog.current?.close()}>
            Close
          </button>
        </header>
        <form action={compare} className="mb-4 flex flex-wrap items-end gap-3" aria-label="Compare">
          <label className={label}>
            Source A
            <select name="sourceA" defaultValue={defaultA} className={field}>
              {sources.map((source) => (
                <option key={source.slug} value={source.slug}>
                  {source.name}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            Source B
            <select name="sourceB" defaultValue={defaultB} className={field}>
              {sources.map((source) => (
                <option key={source.slug} value={source.slug}>
                  {source.name}
                </option>
              ))}
            </select>
          </label>
          <label className={label}>
            From
            <input type="date" name="start_date" required defaultValue={defaultRange.start} className={field} />
          </label>
          <label className={label}>
            To
            <input type="date" name="end_date" required defaultValue={defaultRange.end} className={field} />
          </label>
          <label className={label}>
            Tolerance ({unit})
            <input
              type="number"
              name="tolerance"
              min={0}
              max={10}
              step="0.01"
              defaultValue={units === "imperial" ? 0.2 : 0.1}
              className={`${field} w-24`}
            />
          </label>
          <button
            disabled={isComparing}
            className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {isComparing ? "Comparing…" : "Compare"}
          </button>
        </form>
        {compared && "error" in compared ? (
          <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-400">
            {compared.error}
          </p>
        ) : null}
        {comparison ? (
          <>
            <ComparisonResult comparison={comparison} names={names} units={units} />
            {comparison.onlyInA.length ? (
              <div className="mt-4 flex flex-col gap-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
                <button
                  type="button"
                  disabled={isForwarding}
                  className={secondary}
                  onClick={() => startTransition(() => forward(forwardForm(comparison)))}
                >
                  {isForwarding
                    ? "Forwarding…"
                    : `Forward ${comparison.onlyInA.length} missing to ${names[comparison.sourceB] ?? comparison.sourceB}`}
                </button>
                {forwarded && "error" in forwarded ? (
                  <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
                    {forwarded.error}
                  </p>
                ) : null}
                {forwarded && "result" in forwarded ? (
                  <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                    Forwarded {forwarded.result.forwarded}
                    {forwarded.result.failed.length ? `; ${forwarded.result.failed.length} refused` : ""}.
                  </p>
                ) : null}
              </div>
            ) : null}
          </>
        ) : null}
      </dialog>
    </>
  );
}
