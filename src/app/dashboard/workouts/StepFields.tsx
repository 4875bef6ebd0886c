"use client";

import type { StepDuration, StepKind, StepTarget, WorkoutSport } from "@/lib/workouts/plan-types";
import { ClockInput, NumberInput } from "./ClockInput";
import { defaultDuration, defaultTarget, targetTypesFor, type DraftSingle } from "./step-drafts";

const KINDS: Record<StepKind, string> = {
  warmup: "Warm-up",
  active: "Active",
  recovery: "Recovery",
  cooldown: "Cool-down",
  rest: "Rest",
};
const DURATIONS: Record<StepDuration["type"], string> = {
  time: "Time",
  distance: "Distance",
  lap_button: "Lap button",
  open: "Open",
};
const TARGETS: Record<StepTarget["type"], string> = {
  none: "No target",
  pace: "Pace",
  heart_rate: "Heart rate",
  power: "Power",
  cadence: "Cadence",
};
const SELECT = "rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const unit = (text: string) => <span className="text-sm text-zinc-500">{text}</span>;

function TargetInputs({ target, onChange }: { target: StepTarget; onChange: (target: StepTarget) => void }) {
  switch (target.type) {
    case "none":
      return null;
    case "pace":
      return (
        <>
          <ClockInput
            label="Fastest pace per km"
            seconds={target.fastestSecondsPerKm}
            onChange={(value) => onChange({ ...target, fastestSecondsPerKm: value })}
          />
          {unit("–")}
          <ClockInput
            label="Slowest pace per km"
            seconds={target.slowestSecondsPerKm}
            onChange={(value) => onChange({ ...target, slowestSecondsPerKm: value })}
          />
          {unit("/km")}
        </>
      );
    case "heart_rate":
      return (
        <>
          <NumberInput
            label="Lowest heart rate"
            value={target.minBpm}
            onChange={(value) => onChange({ ...target, minBpm: value })}
          />
          {unit("–")}
          <NumberInput
            label="Highest heart rate"
            value={target.maxBpm}
            onChange={(value) => onChange({ ...target, maxBpm: value })}
          />
          {unit("bpm")}
        </>
      );
    case "power":
      return (
        <>
          <NumberInput
            label="Lowest power"
            value={target.minWatts}
            onChange={(value) => onChange({ ...target, minWatts: value })}
          />
          {unit("–")}
          <NumberInput
            label="Highest power"
            value={target.maxWatts}
            onChange={(value) => onChange({ ...target, maxWatts: value })}
          />
          {unit("W")}
        </>
      );
    case "cadence":
      return (
        <>
          <NumberInput
            label="Lowest cadence"
            value={target.minPerMinute}
            onChange={(value) => onChange({ ...target, minPerMinute: value })}
          />
          {unit("–")}
          <NumberInput
            label="Highest cadence"
            value={target.maxPerMinute}
            onChange={(value) => onChange({ ...target, maxPerMinute: value })}
          />
          {unit("/min")}
        </>
      );
    default:
      return target satisfies never;
  }
}

/** One step: what kind, how it ends, what it holds you to, and a note for the watch. */
export function StepFields({
  step,
  sport,
  onChange,
}: {
  step: DraftSingle;
  sport: WorkoutSport;
  onChange: (step: DraftSingle) => void;
}) {
  const { duration } = step;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label="Step kind"
        value={step.kind}
        onChange={(event) => onChange({ ...step, kind: event.target.value as StepKind })}
        className={SELECT}
      >
        {Object.entries(KINDS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label="Ends after"
        value={duration.type}
        onChange={(event) =>
          onChange({ ...step, duration: defaultDuration(event.target.value as StepDuration["type"]) })
        }
        className={SELECT}
      >
        {Object.entries(DURATIONS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {duration.type === "time" ? (
        <ClockInput
          key={`${step.id}-time`}
          label="Duration"
          seconds={duration.seconds}
          onChange={(seconds) => onChange({ ...step, duration: { type: "time", seconds } })}
        />
      ) : null}
      {duration.type === "distance" ? (
        <>
          <NumberInput
            label="Distance in metres"
            value={duration.meters}
            width="w-24"
            onChange={(meters) => onChange({ ...step, duration: { type: "distance", meters } })}
          />
          {unit("m")}
        </>
      ) : null}
      <select
        aria-label="Target"
        value={step.target.type}
        onChange={(event) => onChange({ ...step, target: defaultTarget(event.target.value as StepTarget["type"]) })}
        className={SELECT}
      >
        {targetTypesFor(sport).map((type) => (
          <option key={type} value={type}>
            {TARGETS[type]}
          </option>
        ))}
      </select>
      <TargetInputs
        key={`${step.id}-${step.target.type}`}
        target={step.target}
        onChange={(target) => onChange({ ...step, target })}
      />
      <input
        aria-label="Note for the watch"
        placeholder="Note (optional)"
        maxLength={512}
        value={step.note ?? ""}
        onChange={(event) => onChange({ ...step, note: event.target.value })}
        className="min-w-32 flex-1 rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
    </div>
  );
}
