"use client";

import { useState } from "react";
import type { UnitSystem } from "@/lib/format";

const CHOICES: Array<{ value: UnitSystem; label: string; example: string }> = [
  { value: "metric", label: "Metric", example: "km, min/km, m, kg" },
  { value: "imperial", label: "Imperial", example: "mi, min/mi, ft, lb" },
];

/** Two radios: arrow keys move between them, as in any radio group. */
export function UnitsField({ saved, error }: { saved: UnitSystem; error?: string }) {
  const [units, setUnits] = useState(saved);
  return (
    <fieldset aria-describedby={error ? "unitSystem-error" : "unitSystem-hint"}>
      <legend className="text-sm font-medium">Units</legend>
      <p id="unitSystem-hint" className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        For distance, pace, speed, climbing and weight.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {CHOICES.map((choice) => (
          <label
            key={choice.value}
            className="flex cursor-pointer items-start gap-3 rounded-xl border border-zinc-300 px-4 py-3 hover:border-zinc-400 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500/40 dark:border-zinc-700 dark:hover:border-zinc-600 dark:has-[:checked]:border-brand-500 dark:has-[:checked]:bg-brand-700/20"
          >
            <input
              type="radio"
              name="unitSystem"
              value={choice.value}
              checked={units === choice.value}
              onChange={() => setUnits(choice.value)}
              className="mt-1 size-4 accent-brand-600"
            />
            <span className="flex flex-col">
              <span className="font-medium">{choice.label}</span>
              <span className="text-sm text-zinc-600 dark:text-zinc-400">{choice.example}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id="unitSystem-error" role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
