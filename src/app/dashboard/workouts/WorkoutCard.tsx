import type { WorkoutDestinationOption } from "@/lib/workouts/destinations";
import type { WorkoutPlanView } from "@/lib/workouts/plan-view";
import { summarizeSteps } from "@/lib/workouts/step-summary";
import { DeleteWorkoutButton } from "./DeleteWorkoutButton";
import { PushForm } from "./PushForm";
import { PushStatusList } from "./PushStatusList";

const SPORT_NAMES: Record<WorkoutPlanView["sport"], string> = {
  running: "Running",
  cycling: "Cycling",
  swimming: "Pool swim",
};

export function WorkoutCard({
  workout,
  destinations,
}: {
  workout: WorkoutPlanView;
  destinations: WorkoutDestinationOption[];
}) {
  const names = new Map(destinations.map((destination) => [destination.connectionId, destination.label]));
  return (
    <li
      className="flex flex-col gap-3 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="workout-card"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate font-semibold">{workout.name}</h3>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {SPORT_NAMES[workout.sport]}
            {workout.scheduledDate ? ` · planned for ${workout.scheduledDate}` : " · no date"}
          </p>
        </div>
        <DeleteWorkoutButton planId={workout.id} planName={workout.name} />
      </div>
      {workout.description ? <p className="text-sm">{workout.description}</p> : null}
      <p className="text-sm text-zinc-700 dark:text-zinc-300">{summarizeSteps(workout.steps)}</p>
      <PushStatusList pushes={workout.pushes} names={names} />
      {destinations.length ? (
        <PushForm
          planId={workout.id}
          planName={workout.name}
          date={workout.scheduledDate}
          destinations={destinations}
        />
      ) : null}
    </li>
  );
}
