"use client";

import { MAX_REPEAT_DEPTH, type WorkoutSport } from "@/lib/workouts/plan-types";
import { NumberInput } from "./ClockInput";
import { StepFields } from "./StepFields";
import { changeAt, moveAt, newRepeat, newStep, type DraftStep } from "./step-drafts";

type StepsEditorProps = {
  /** The whole workout's steps: every edit replaces them, so nested lists need no state of their own. */
  root: DraftStep[];
  steps: DraftStep[];
  path: number[];
  sport: WorkoutSport;
  /** Steps a refusal named ("1.0"), outlined in red. */
  errorPaths: ReadonlySet<string>;
  onChange: (root: DraftStep[]) => void;
};

const SMALL_BUTTON =
  "rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800";

function StepActions({
  label,
  canUp,
  canDown,
  onMove,
  onRemove,
}: {
  label: string;
  canUp: boolean;
  canDown: boolean;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <div className="ml-auto flex gap-0.5">
      <button
        type="button"
        aria-label={`Move ${label} up`}
        disabled={!canUp}
        onClick={() => onMove(-1)}
        className={SMALL_BUTTON}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label={`Move ${label} down`}
        disabled={!canDown}
        onClick={() => onMove(1)}
        className={SMALL_BUTTON}
      >
        ↓
      </button>
      <button
        type="button"
        aria-label={`Remove ${label}`}
        onClick={onRemove}
        className={`${SMALL_BUTTON} hover:text-red-700`}
      >
        Remove
      </button>
    </div>
  );
}

/** A list of steps (the workout's, or a repeat's), with buttons to add a step or a repeat inside it. */
export function StepsEditor({ root, steps, path, sport, errorPaths, onChange }: StepsEditorProps) {
  // Each repeat adds a level; at the limit only plain steps may be added.
  const depth = path.length;
  const add = (step: DraftStep) =>
    onChange(
      path.length === 0
        ? [...root, step]
        : changeAt(root, path, (parent) =>
            parent.kind === "repeat" ? { ...parent, steps: [...parent.steps, step] } : parent,
          ),
    );
  return (
    <div className="flex flex-col gap-2">
      <ol className="flex flex-col gap-2">
        {steps.map((step, index) => {
          const at = [...path, index];
          const label = `step ${at.map((i) => i + 1).join(".")}`;
          const hasError = errorPaths.has(at.join("."));
          const actions = (
            <StepActions
              label={label}
              canUp={index > 0}
              canDown={index < steps.length - 1}
              onMove={(offset) => onChange(moveAt(root, at, offset))}
              onRemove={() => onChange(changeAt(root, at, () => null))}
            />
          );
          return (
            <li
              key={step.id}
              data-testid={`step-${at.join(".")}`}
              className={`rounded-xl border p-3 ${hasError ? "border-red-400 ring-1 ring-red-400" : "border-zinc-200 dark:border-zinc-800"} ${step.kind === "repeat" ? "bg-zinc-50 dark:bg-zinc-950" : "bg-white dark:bg-zinc-900"}`}
            >
              <div className="mb-2 flex items-center gap-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
                <span>{step.kind === "repeat" ? `Repeat · ${label}` : label}</span>
                {actions}
              </div>
              {step.kind === "repeat" ? (
                <div className="flex flex-col gap-2">
                  <label className="flex items-center gap-2 text-sm">
                    <span>Repeat</span>
                    <NumberInput
                      label={`Times to repeat ${label}`}
                      value={step.count}
                      min={2}
                      max={99}
                      onChange={(count) => onChange(changeAt(root, at, (own) => ({ ...own, count }) as DraftStep))}
                    />
                    <span>times</span>
                  </label>
                  <StepsEditor
                    root={root}
                    steps={step.steps}
                    path={at}
                    sport={sport}
                    errorPaths={errorPaths}
                    onChange={onChange}
                  />
                </div>
              ) : (
                <StepFields
                  step={step}
                  sport={sport}
                  onChange={(changed) => onChange(changeAt(root, at, () => changed))}
                />
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => add(newStep("active"))}
          className="rounded-lg border border-dashed border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          + Add step
        </button>
        {depth < MAX_REPEAT_DEPTH ? (
          <button
            type="button"
            onClick={() => add(newRepeat())}
            className="rounded-lg border border-dashed border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            + Add repeat
          </button>
        ) : null}
      </div>
    </div>
  );
}
