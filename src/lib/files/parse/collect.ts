import type { TrackPoint } from "../types";
import { isValidPosition, MAX_POINTS } from "./points";

/**
 * Gathers a file's points under the same guards for every format: at most MAX_POINTS, no point
 * without a real time, no point at an impossible position. What was dropped becomes a warning.
 */
export class PointCollector {
  readonly points: TrackPoint[] = [];
  private overLimit = 0;
  private badPosition = 0;
  private badTime = 0;

  add(point: TrackPoint) {
    if (Number.isNaN(point.time.getTime())) this.badTime++;
    else if (
      (point.lat !== undefined || point.lon !== undefined) &&
      !isValidPosition(point.lat ?? NaN, point.lon ?? NaN)
    )
      this.badPosition++;
    else if (this.points.length >= MAX_POINTS) this.overLimit++;
    else this.points.push(point);
  }

  warnings(): string[] {
    const out: string[] = [];
    if (this.badPosition) out.push(`${this.badPosition} points with an impossible position were left out.`);
    if (this.badTime) out.push(`${this.badTime} points without a readable time were left out.`);
    if (this.overLimit)
      out.push(
        `The file has more than ${MAX_POINTS.toLocaleString("en")} points; the ${this.overLimit} after them were left out.`,
      );
    return out;
  }
}

/** A number from text, or undefined when the text is missing or not a finite number. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
