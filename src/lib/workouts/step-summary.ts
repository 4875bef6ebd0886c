import { formatDuration as formatClock } from "@/lib/format";
import type { StepDuration, StepKind, StepTarget, WorkoutStep } from "./plan-types";

// One line per workout for lists: "Warm-up 15:00 · 5 × (1 km @ 3:55–4:05 /km · Recovery 1:30 @ 110–135 bpm)".

const KIND_NAMES: Record<StepKind, string> = {
  warmup: "Warm-up",
  active: "Active",
  recovery: "Recovery",
  cooldown: "Cool-down",
  rest: "Rest",
};

function formatDuration(duration: StepDuration): string {
  switch (duration.type) {
    case "time":
      return formatClock(duration.seconds);
    case "distance":
      return duration.meters >= 1000 ? `${+(duration.meters / 1000).toFixed(2)} km` : `${duration.meters} m`;
    case "lap_button":
      return "until lap";
    case "open":
      return "open";
    default:
      return duration satisfies never;
  }
}

export function formatTarget(target: StepTarget): string {
  switch (target.type) {
    case "none":
      return "";
    case "pace":
      return `${formatClock(target.fastestSecondsPerKm)}–${formatClock(target.slowestSecondsPerKm)} /km`;
    case "heart_rate":
      return `${target.minBpm}–${target.maxBpm} bpm`;
    case "power":
      return `${target.minWatts}–${target.maxWatts} W`;
    case "cadence":
      return `${target.minPerMinute}–${target.maxPerMinute} /min`;
    default:
      return target satisfies never;
  }
}

function summarizeStep(step: WorkoutStep): string {
  if (step.kind === "repeat") return `${step.count} × (${step.steps.map(summarizeStep).join(" · ")})`;
  const target = formatTarget(step.target);
  return `${KIND_NAMES[step.kind]} ${formatDuration(step.duration)}${target ? ` @ ${target}` : ""}`;
}

export const summarizeSteps = (steps: readonly WorkoutStep[]) => steps.map(summarizeStep).join(" · ");
