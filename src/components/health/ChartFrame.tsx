import type { TimeDomain, ValueScale } from "./chart-scale";
import { valueY } from "./chart-scale";
import { timeTicks } from "./time-ticks";

export const PLOT_HEIGHT = 180;

type ChartFrameProps = {
  id: string;
  title: string;
  description: string;
  domain: TimeDomain;
  scale: ValueScale;
  formatTick: (value: number) => string;
  children: React.ReactNode;
};

/**
 * The plot's SVG with its axes. It is drawn at the container's full width, and the axis
 * labels overflow into the padding around it, so the plot itself needs no pixel margins.
 */
export function ChartFrame({ id, title, description, domain, scale, formatTick, children }: ChartFrameProps) {
  return (
    <div className="pt-2 pr-4 pb-8 pl-11">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        width="100%"
        height={PLOT_HEIGHT}
        overflow="visible"
        className="block overflow-visible text-[11px]"
        data-testid={`chart-${id}`}
        data-bucket={domain.bucket}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g className="fill-zinc-500 stroke-zinc-200 dark:fill-zinc-400 dark:stroke-zinc-800">
          {scale.ticks.map((tick) => {
            const y = valueY(scale, tick, PLOT_HEIGHT);
            return (
              <g key={tick}>
                <line x1="0" x2="100%" y1={y} y2={y} strokeDasharray={tick === scale.min ? undefined : "2 3"} />
                <text x={-6} y={y} dy="0.32em" textAnchor="end" stroke="none">
                  {formatTick(tick)}
                </text>
              </g>
            );
          })}
          {timeTicks(domain).map((tick) => (
            <g key={tick.date}>
              <line
                x1={`${tick.x * 100}%`}
                x2={`${tick.x * 100}%`}
                y1={PLOT_HEIGHT}
                y2={PLOT_HEIGHT + 4}
                className="stroke-zinc-400 dark:stroke-zinc-600"
              />
              <text x={`${tick.x * 100}%`} y={PLOT_HEIGHT + 17} textAnchor="middle" stroke="none">
                {tick.label}
              </text>
            </g>
          ))}
        </g>
        {children}
      </svg>
    </div>
  );
}
