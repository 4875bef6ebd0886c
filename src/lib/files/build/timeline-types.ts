import type { TrackPoint } from "../types";

/** One moment of a generated recording: what was measured then (positions may be interpolated). */
export type TimelinePoint = TrackPoint;

export interface Timeline {
  start: Date;
  end: Date;
  durationS: number;
  /** Whether the points carry positions (a GPX needs them). */
  hasPositions: boolean;
  /** The route's length in metres, when there is a route. */
  routeLengthM: number | null;
  points: TimelinePoint[];
}
