"use client";

import { useActionState, useMemo, useState } from "react";
import { SubmitButton } from "@/components/SubmitButton";
import { WORKOUT_SPORTS, type WorkoutSport } from "@/lib/workouts/plan-types";
import { createWorkoutAction, type CreateWorkoutState } from "./actions";
import { StepsEditor } from "./StepsEditor";
import { describeField, starterSteps, stepPathOf, targetTypesFor, toPlanSteps, type DraftStep } from "./step-drafts";

const SPORT_NAMES: Record<WorkoutSport, string> = { running: "Running", cycling: "Cycling", swimming: "Pool swim" };
const FIELD =
  "rounded-lg border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900 focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 outline-none";

/** Targets a sport does not offer fall back to none, so switching to a swim keeps the steps valid. */
function fitSport(steps: DraftStep[], sport: WorkoutSport): DraftStep[] {
  const allowed = targetTypesFor(sport);
  return steps.map((step) =>
    step.kind === "repeat"
      ? { ...step, steps: fitSport(step.steps, sport) }
      : allowed.includes(step.target.type)
        ? step
        : { ...step, target: { type: "none" } },
  );
}

function BuilderForm({ state, formAction }: { state: CreateWorkoutState; formAction: (formData: FormData) => void }) {
  const [name, setName] = useState("");
  const [sport, setSport] = useState<WorkoutSport>("running");
  const [date, setDate] = useState("");
  const [description, setDescription] = useState("");
  const [steps, setSteps] = useState<DraftStep[]>(starterSteps);
  const plan = JSON.stringify({
    name,
    sport,
    description: description.trim() || null,
    scheduledDate: date || null,
    steps: toPlanSteps(steps),
  });
  const issues = useMemo(() => state?.issues ?? [], [state]);
  const errorPaths = useMemo(() => new Set(issues.flatMap((issue) => stepPathOf(issue.field) ?? [])), [issues]);

  return (
    <form action={formAction} className="flex flex-col gap-4" aria-label="New workout">
      <input type="hidden" name="plan" value={plan} />
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Name</span>
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={80}
            required
            placeholder="e.g. 5 × 1 km"
            className={FIELD}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Sport</span>
          <select
            value={sport}
            onChange={(event) => {
              const next = event.target.value as WorkoutSport;
              setSport(next);
              setSteps((current) => fitSport(current, next));
            }}
            className={FIELD}
          >
            {WORKOUT_SPORTS.map((value) => (
              <option key={value} value={value}>
                {SPORT_NAMES[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Date (optional)</span>
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} className={FIELD} />
        </label>
      </div>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Description (optional)</span>
        <input
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          maxLength={1024}
          className={FIELD}
        />
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium">Steps</legend>
        <StepsEditor root={steps} steps={steps} path={[]} sport={sport} errorPaths={errorPaths} onChange={setSteps} />
      </fieldset>
      {state?.error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      {issues.length ? (
        <ul
          role="alert"
          className="flex flex-col gap-1 rounded-xl bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-300"
        >
          {issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <span className="font-medium">{describeField(issue.field)}:</span> {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <SubmitButton pendingText="Saving…">Save workout</SubmitButton>
      </div>
    </form>
  );
}

/** The new-workout form; it starts afresh after each workout it saves. */
export function WorkoutBuilder() {
  const [state, formAction] = useActionState<CreateWorkoutState, FormData>(createWorkoutAction, null);
  const created = state?.created ?? 0;
  return (
    <>
      {created ? (
        <p role="status" className="mb-3 text-sm text-emerald-700 dark:text-emerald-400">
          Saved. It is in the list below, ready to send.
        </p>
      ) : null}
      <BuilderForm key={created} state={state} formAction={formAction} />
    </>
  );
}
