"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import type { WorkoutDestinationOption } from "@/lib/workouts/destinations";
import { pushWorkoutAction, type PushWorkoutState } from "./actions";

const FIELD = "rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Send one plan to one of the person's Garmin connections, on a day or to the library only. */
export function PushForm({
  planId,
  planName,
  date,
  destinations,
}: {
  planId: string;
  planName: string;
  date: string | null;
  destinations: WorkoutDestinationOption[];
}) {
  const [state, formAction] = useActionState<PushWorkoutState, FormData>(pushWorkoutAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-2" aria-label={`Send ${planName}`}>
      <input type="hidden" name="planId" value={planId} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Send to
          <select name="connectionId" defaultValue={destinations[0]?.connectionId} className={FIELD}>
            {destinations.map((destination) => (
              <option key={destination.connectionId} value={destination.connectionId}>
                {destination.label}
                {destination.needsReconnect ? " — needs reconnect" : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
          On
          <input type="date" name="date" defaultValue={date ?? ""} className={FIELD} />
        </label>
        <SubmitButton pendingText="Sending…">Send to Garmin</SubmitButton>
      </div>
      {state?.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {state.ok}
        </p>
      ) : null}
    </form>
  );
}
