import type { UnitSystem } from "@/lib/format";

const input =
  "w-24 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-base shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 aria-[invalid]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900";

/**
 * Height in the units the page shows (centimetres, or feet and inches), optional. It is what
 * BMI is computed from when a scale's source gives none and the provider has no height.
 */
export function HeightField({ saved, units, error }: { saved: number | null; units: UnitSystem; error?: string }) {
  const inches = saved === null ? null : Math.round(saved / 0.0254);
  const describedBy = [error ? "height-error" : null, "height-hint"].filter(Boolean).join(" ");
  const invalid = error ? true : undefined;
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-sm font-medium">Height</legend>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {units === "metric" ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              name="heightCm"
              type="number"
              inputMode="decimal"
              min={50}
              max={272}
              step="0.1"
              defaultValue={saved === null ? "" : Math.round(saved * 1000) / 10}
              aria-invalid={invalid}
              className={input}
            />
            cm
          </label>
        ) : (
          <>
            <label className="flex items-center gap-2 text-sm">
              <input
                name="heightFt"
                type="number"
                inputMode="numeric"
                min={1}
                max={8}
                defaultValue={inches === null ? "" : Math.floor(inches / 12)}
                aria-invalid={invalid}
                className={input}
              />
              ft
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                name="heightIn"
                type="number"
                inputMode="numeric"
                min={0}
                max={11}
                defaultValue={inches === null ? "" : inches % 12}
                aria-invalid={invalid}
                className={input}
              />
              in
            </label>
          </>
        )}
      </div>
      {error ? (
        <p id="height-error" role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <p id="height-hint" className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Optional. BMI is computed from it for weigh-ins whose source gives none, unless the source knows your height
        (Fitbit does when you entered it there). Leave it empty to not set one.
      </p>
    </fieldset>
  );
}
