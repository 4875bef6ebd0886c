import type { ChartData } from "@/lib/activity/chart-data";
import { activitySource } from "@/lib/activity/source";
import { niceTicks, timeTicks } from "@/lib/activity/ticks";
import { formatDuration } from "@/lib/format";

const WIDTH = 1000;
const HEIGHT = 200;

const clock = (seconds: number) =>
  `${Math.floor(Math.round(seconds) / 60)}:${String(Math.round(seconds) % 60).padStart(2, "0")}`;

/**
 * A line over elapsed time, drawn on the server. The plot stretches to its box
 * (preserveAspectRatio none, strokes that do not scale) while the axis labels are HTML, so
 * text stays readable on a phone instead of shrinking with the drawing.
 */
export type ChartTone = "heart" | "speed" | "power" | "cadence" | "altitude";

const LINE_CLASS: Record<ChartTone, string> = {
  heart: "stroke-rose-500",
  speed: "stroke-brand-600 dark:stroke-brand-500",
  power: "stroke-amber-500",
  cadence: "stroke-violet-500",
  altitude: "stroke-emerald-600 dark:stroke-emerald-500",
};

export function TimeSeriesChart({ chart, id, tone }: { chart: ChartData; id: string; tone: ChartTone }) {
  // A little headroom so the line never runs along the frame; a flat series gets a band of ±1.
  const pad = chart.max === chart.min ? 1 : (chart.max - chart.min) * 0.08;
  const low = chart.min - pad;
  const high = chart.max + pad;
  const yOf = (value: number) => {
    const share = (value - low) / (high - low);
    return chart.isInverted ? share * HEIGHT : HEIGHT - share * HEIGHT;
  };
  const xOf = (seconds: number) =>
    chart.durationS > 0 ? Math.min(Math.max(seconds / chart.durationS, 0), 1) * WIDTH : 0;
  const d = chart.points
    .map((point, i) => `${i === 0 ? "M" : "L"}${xOf(point.t).toFixed(1)} ${yOf(point.v).toFixed(1)}`)
    .join("");
  const yTicks = niceTicks(chart.min, chart.max, 4);
  const step = yTicks.length > 1 ? yTicks[1]! - yTicks[0]! : 1;
  const label = (value: number) => (chart.valueFormat === "clock" ? clock(value) : value.toFixed(step < 1 ? 1 : 0));
  const xTicks = timeTicks(chart.durationS);
  const lineClass = LINE_CLASS[tone];
  const providerName = activitySource(chart.provider, "").name;
  const source = chart.sourceId ? `${providerName} · ${chart.sourceId}` : providerName;

  return (
    <figure
      className="rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      data-testid={`${id}-chart`}
    >
      <figcaption className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold">
          {chart.title} <span className="font-normal text-zinc-500">({chart.unit})</span>
        </h3>
        <span className="text-xs text-zinc-500">{source}</span>
      </figcaption>
      <div className="grid grid-cols-[auto_1fr] gap-x-2">
        <div
          className="relative h-44 w-10 text-right text-xs text-zinc-500 tabular-nums"
          aria-hidden
          data-testid={`${id}-y-labels`}
        >
          {yTicks.map((tick) => (
            <span
              key={tick}
              className="absolute right-0 -translate-y-1/2"
              style={{ top: `${(yOf(tick) / HEIGHT) * 100}%` }}
            >
              {label(tick)}
            </span>
          ))}
        </div>
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="h-44 w-full overflow-visible"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
        >
          <title id={`${id}-title`}>{`${chart.title} over the activity`}</title>
          <desc id={`${id}-desc`}>
            {`${chart.sampleCount} samples from ${source}, ${label(chart.min)} to ${label(chart.max)} ${chart.unit}, over ${formatDuration(chart.durationS)}.`}
          </desc>
          {yTicks.map((tick) => (
            <line
              key={tick}
              x1={0}
              x2={WIDTH}
              y1={yOf(tick)}
              y2={yOf(tick)}
              strokeWidth={1}
              vectorEffect="non-scaling-stroke"
              className="stroke-zinc-200 dark:stroke-zinc-800"
            />
          ))}
          <path
            d={d}
            fill="none"
            strokeWidth={2}
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
            className={lineClass}
            data-testid={`${id}-line`}
            data-sample-count={chart.sampleCount}
          />
        </svg>
        <div />
        <div className="relative mt-1 h-4 text-xs text-zinc-500 tabular-nums" aria-hidden>
          {xTicks.map((tick) => (
            <span
              key={tick}
              className={`absolute ${tick === 0 ? "" : "-translate-x-1/2"}`}
              style={{ left: `${(xOf(tick) / WIDTH) * 100}%` }}
            >
              {formatDuration(tick)}
            </span>
          ))}
        </div>
      </div>
      <p className="mt-1 text-right text-xs text-zinc-500">Elapsed time</p>
    </figure>
  );
}
