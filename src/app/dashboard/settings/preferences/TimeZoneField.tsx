"use client";

import { useState, useSyncExternalStore } from "react";
import type { TimeZoneGroup } from "@/lib/time-zone";

const DEFAULT_ZONE = "UTC";
const noSubscription = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The browser's zone once hydrated; null on the server, so the first render matches it. */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(noSubscription, browserZone, () => null);
}

const label = (zone: string) => zone.replaceAll("_", " ");

/**
 * The zone menu. Someone still on the default UTC is offered their browser's zone, which the
 * next save stores; a zone they chose themselves is never replaced.
 */
export function TimeZoneField({ saved, groups, error }: { saved: string; groups: TimeZoneGroup[]; error?: string }) {
  const detected = useBrowserTimeZone();
  const [chosen, setChosen] = useState<string | null>(null);
  const suggested = saved === DEFAULT_ZONE && detected && detected !== DEFAULT_ZONE ? detected : null;
  const value = chosen ?? suggested ?? saved;
  const isListed = groups.some((group) => group.zones.includes(value));
  const describedBy = [error ? "timeZone-error" : null, "timeZone-hint"].filter(Boolean).join(" ");

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor="timeZone" className="text-sm font-medium">
        Time zone
      </label>
      <select
        id="timeZone"
        name="timeZone"
        value={value}
        onChange={(event) => setChosen(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-base shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 aria-[invalid]:border-red-500 sm:max-w-sm dark:border-zinc-700 dark:bg-zinc-900"
      >
        {isListed ? null : <option value={value}>{label(value)}</option>}
        {groups.map((group) =>
          group.region ? (
            <optgroup key={group.region} label={group.region}>
              {group.zones.map((zone) => (
                <option key={zone} value={zone}>
                  {label(zone)}
                </option>
              ))}
            </optgroup>
          ) : (
            group.zones.map((zone) => (
              <option key={zone} value={zone}>
                {label(zone)}
              </option>
            ))
          ),
        )}
      </select>
      {error ? (
        <p id="timeZone-error" role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <p id="timeZone-hint" className="text-sm text-zinc-600 dark:text-zinc-400">
        {suggested && chosen === null ? (
          <span data-testid="time-zone-detected">
            Your browser is on {label(suggested)}; save to use it instead of UTC.{" "}
          </span>
        ) : null}
        Your days and weeks start at midnight in this zone: it decides Overview&apos;s week, activity dates and the day
        of each weigh-in.
      </p>
    </div>
  );
}
