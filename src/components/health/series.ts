import type { SeriesStyle } from "./series-style";

export interface SeriesPoint {
  /** The bucket's first day. */
  date: string;
  /** As stored (SI units). */
  value: number;
}

export interface LineSeries {
  /** provider:sourceId (plus the metric where one chart shows two). */
  key: string;
  label: string;
  style: SeriesStyle;
  isDashed?: boolean;
  points: SeriesPoint[];
}
