import type {
  StepDuration,
  StepKind,
  StepTarget,
  WorkoutRepeat,
  WorkoutSingleStep,
  WorkoutSport,
  WorkoutStep,
} from "@/lib/workouts/plan-types";

// The builder's steps: the plan's own shape plus a key per step for React, and the tree edits
// the form makes. Values may be NaN while a field is being typed; the server names what is wrong.

export type DraftSingle = WorkoutSingleStep & { id: string };
export type DraftRepeat = Omit<WorkoutRepeat, "steps"> & { id: string; steps: DraftStep[] };
export type DraftStep = DraftSingle | DraftRepeat;

let lastId = 0;
const nextId = () => `step-${++lastId}`;

export function defaultDuration(type: StepDuration["type"]): StepDuration {
  if (type === "time") return { type, seconds: 300 };
  if (type === "distance") return { type, meters: 1000 };
  return { type };
}

export function defaultTarget(type: StepTarget["type"]): StepTarget {
  switch (type) {
    case "pace":
      return { type, fastestSecondsPerKm: 300, slowestSecondsPerKm: 330 };
    case "heart_rate":
      return { type, minBpm: 130, maxBpm: 150 };
    case "power":
      return { type, minWatts: 200, maxWatts: 230 };
    case "cadence":
      return { type, minPerMinute: 85, maxPerMinute: 95 };
    default:
      return { type: "none" };
  }
}

export const newStep = (kind: StepKind): DraftSingle => ({
  id: nextId(),
  kind,
  duration: kind === "warmup" || kind === "cooldown" ? { type: "time", seconds: 600 } : defaultDuration("time"),
  target: { type: "none" },
});

export const newRepeat = (): DraftRepeat => ({
  id: nextId(),
  kind: "repeat",
  count: 4,
  steps: [newStep("active"), newStep("recovery")],
});

export const starterSteps = (): DraftStep[] => [newStep("warmup"), newRepeat(), newStep("cooldown")];

/** The targets a sport's watch offers (a swim has no power or cadence target). */
export const targetTypesFor = (sport: WorkoutSport): StepTarget["type"][] =>
  sport === "swimming" ? ["none", "pace", "heart_rate"] : ["none", "pace", "heart_rate", "power", "cadence"];

/** The plan's steps as the API takes them: no keys, no empty notes. */
export function toPlanSteps(drafts: readonly DraftStep[]): WorkoutStep[] {
  return drafts.map((draft): WorkoutStep => {
    if (draft.kind === "repeat") return { kind: "repeat", count: draft.count, steps: toPlanSteps(draft.steps) };
    const step: WorkoutSingleStep = { kind: draft.kind, duration: draft.duration, target: draft.target };
    return draft.note?.trim() ? { ...step, note: draft.note.trim() } : step;
  });
}

/** The steps with the one at `path` replaced (or removed, when `change` returns null). */
export function changeAt(
  steps: readonly DraftStep[],
  path: readonly number[],
  change: (step: DraftStep) => DraftStep | null,
): DraftStep[] {
  const [index, ...rest] = path;
  return steps.flatMap((step, at) => {
    if (at !== index) return [step];
    if (rest.length === 0) {
      const changed = change(step);
      return changed ? [changed] : [];
    }
    return step.kind === "repeat" ? [{ ...step, steps: changeAt(step.steps, rest, change) }] : [step];
  });
}

/** The steps with the one at `path` swapped with its neighbour (-1 before, +1 after). */
export function moveAt(steps: readonly DraftStep[], path: readonly number[], offset: -1 | 1): DraftStep[] {
  const move = (list: readonly DraftStep[], index: number) => {
    const target = index + offset;
    if (target < 0 || target >= list.length) return [...list];
    const moved = [...list];
    [moved[index], moved[target]] = [moved[target]!, moved[index]!];
    return moved;
  };
  if (path.length === 1) return move(steps, path[0]!);
  return changeAt(steps, path.slice(0, -1), (parent) =>
    parent.kind === "repeat" ? { ...parent, steps: move(parent.steps, path.at(-1)!) } : parent,
  );
}

/**
 * The step a refusal's field is about ("steps.1.steps.0.target.maxBpm" -> "1.0"), so the form
 * can mark it; undefined for fields outside the steps.
 */
export function stepPathOf(field: string): string | undefined {
  const match = /^steps\.(\d+(?:\.steps\.\d+)*)/.exec(field);
  return match?.[1]!.replace(/\.steps\./g, ".");
}

/** "steps.1.steps.0.target.maxBpm" as a person reads it: "Step 2.1, target max bpm". */
export function describeField(field: string): string {
  const path = stepPathOf(field);
  if (!path) return field === "(body)" ? "Workout" : field.charAt(0).toUpperCase() + field.slice(1);
  const rest = field.replace(/^steps\.\d+(?:\.steps\.\d+)*\.?/, "");
  const label = `Step ${path
    .split(".")
    .map((index) => Number(index) + 1)
    .join(".")}`;
  return rest
    ? `${label}, ${rest
        .replace(/\./g, " ")
        .replace(/([A-Z])/g, " $1")
        .toLowerCase()}`
    : label;
}
