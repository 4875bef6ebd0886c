"use client";

import { deleteWorkoutAction } from "./actions";

/** Deletes the plan here; workouts already sent stay in the Garmin account until removed there. */
export function DeleteWorkoutButton({ planId, planName }: { planId: string; planName: string }) {
  return (
    <form
      action={deleteWorkoutAction}
      onSubmit={(event) => {
        if (!window.confirm(`Delete “${planName}”? Copies already sent to Garmin stay there.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="planId" value={planId} />
      <button
        aria-label={`Delete ${planName}`}
        className="rounded-lg px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-red-700 dark:text-zinc-400 dark:hover:bg-zinc-800"
      >
        Delete
      </button>
    </form>
  );
}
