import { formatPace, formatSpeed, formatSwimPace, type UnitSystem } from "@/lib/format";

/** How a sport talks about going fast: runners and walkers in pace, swimmers per 100, the rest in speed. */
export type SpeedDisplay = "pace" | "swim_pace" | "speed";

const PACE_TYPES = new Set(["run", "trail_run", "treadmill_run", "walk", "hike"]);
const SWIM_TYPES = new Set(["swim", "open_water_swim"]);

export function speedDisplayFor(type: string): SpeedDisplay {
  if (PACE_TYPES.has(type)) return "pace";
  if (SWIM_TYPES.has(type)) return "swim_pace";
  return "speed";
}

export function formatSpeedAs(display: SpeedDisplay, speedMps: number | null, units: UnitSystem): string {
  if (display === "pace") return formatPace(speedMps, units);
  if (display === "swim_pace") return formatSwimPace(speedMps, units);
  return formatSpeed(speedMps, units);
}
