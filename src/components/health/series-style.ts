// One look per source, the same in every chart of the page. Colours are -600 on light
// backgrounds and -400 on dark ones; the marker shape tells sources apart without colour.

const COLORS = [
  { stroke: "stroke-sky-600 dark:stroke-sky-400", fill: "fill-sky-600 dark:fill-sky-400" },
  { stroke: "stroke-orange-600 dark:stroke-orange-400", fill: "fill-orange-600 dark:fill-orange-400" },
  { stroke: "stroke-emerald-600 dark:stroke-emerald-400", fill: "fill-emerald-600 dark:fill-emerald-400" },
  { stroke: "stroke-fuchsia-600 dark:stroke-fuchsia-400", fill: "fill-fuchsia-600 dark:fill-fuchsia-400" },
  { stroke: "stroke-yellow-600 dark:stroke-yellow-300", fill: "fill-yellow-600 dark:fill-yellow-300" },
  { stroke: "stroke-violet-600 dark:stroke-violet-400", fill: "fill-violet-600 dark:fill-violet-400" },
  { stroke: "stroke-rose-600 dark:stroke-rose-400", fill: "fill-rose-600 dark:fill-rose-400" },
  { stroke: "stroke-zinc-500 dark:stroke-zinc-300", fill: "fill-zinc-500 dark:fill-zinc-300" },
] as const;

export const MARKERS = {
  circle: "M0-4a4 4 0 1 0 0 8a4 4 0 1 0 0-8z",
  square: "M-3.5-3.5h7v7h-7z",
  diamond: "M0-5L5 0L0 5L-5 0z",
  triangle: "M0-5L4.5 3.5h-9z",
} as const;
export type MarkerShape = keyof typeof MARKERS;
const SHAPES = Object.keys(MARKERS) as MarkerShape[];

export interface SeriesStyle {
  stroke: string;
  fill: string;
  marker: MarkerShape;
}

export function seriesStyle(index: number): SeriesStyle {
  return { ...COLORS[index % COLORS.length]!, marker: SHAPES[index % SHAPES.length]! };
}
