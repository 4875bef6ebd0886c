"use client";

import { startTransition, useActionState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import { formatHeight, type UnitSystem } from "@/lib/format";
import type { TimeZoneGroup } from "@/lib/time-zone";
import { savePreferencesAction, type PreferencesState } from "./actions";
import { HeightField } from "./HeightField";
import { TimeZoneField } from "./TimeZoneField";
import { UnitsField } from "./UnitsField";

type PreferencesFormProps = {
  unitSystem: UnitSystem;
  timeZone: string;
  heightM: number | null;
  zoneGroups: TimeZoneGroup[];
};

export function PreferencesForm({ unitSystem, timeZone, heightM, zoneGroups }: PreferencesFormProps) {
  const [state, formAction, isPending] = useActionState<PreferencesState, FormData>(savePreferencesAction, null);
  const errors = state && "fieldErrors" in state ? state.fieldErrors : {};
  return (
    <form
      action={formAction}
      // Submitted by hand so React does not reset the form afterwards: a reset puts the radios
      // and menu back to what the page first rendered, not to what was just saved. `action`
      // still posts the form before the page's JavaScript has loaded.
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      aria-label="Preferences"
      className="flex max-w-3xl flex-col gap-8 rounded-2xl border border-zinc-200 bg-white p-5 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <UnitsField saved={unitSystem} error={errors.unitSystem} />
      <TimeZoneField saved={timeZone} groups={zoneGroups} error={errors.timeZone} />
      <HeightField saved={heightM} units={unitSystem} error={errors.height} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-zinc-100 pt-5 dark:border-zinc-800">
        <SubmitButton pendingText="Saving…" isPending={isPending}>
          Save preferences
        </SubmitButton>
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {state && "saved" in state
            ? `Saved: ${state.saved.unitSystem}, ${state.saved.timeZone.replaceAll("_", " ")}${state.saved.heightM ? `, height ${formatHeight(state.saved.heightM, state.saved.unitSystem)}` : ""}.`
            : null}
        </p>
      </div>
    </form>
  );
}
