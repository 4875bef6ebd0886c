import type { TimeDomain, ValueScale } from "./chart-scale";
import { valueY } from "./chart-scale";
import { markupShape, raw, slot } from "./markup-shape";
import { RepeatedMarkup } from "./RepeatedMarkup";
import { timeTicks } from "./time-ticks";

export const PLOT_HEIGHT = 180;

// The axes' ticks, as shapes (markup-shape.ts): nine charts' worth were a few hundred React elements.
const DASHED = raw(' stroke-dasharray="2 3"');
const VALUE_TICK = markupShape`<g><line x1="0" x2="100%" y1="${slot("y")}" y2="${slot("y")}"${slot("dash")}></line><text x="-6" y="${slot("y")}" dy="0.32em" text-anchor="end" stroke="none">${slot("label")}</text></g>`;
const TIME_TICK = markupShape`<g><line x1="${slot("x")}%" x2="${slot("x")}%" y1="${PLOT_HEIGHT}" y2="${PLOT_HEIGHT + 4}" class="stroke-zinc-400 dark:stroke-zinc-600"></line><text x="${slot("x")}%" y="${PLOT_HEIGHT + 17}" text-anchor="middle" stroke="none">${slot("label")}</text></g>`;

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
          <RepeatedMarkup
            tag="g"
            template={VALUE_TICK.template}
            rows={scale.ticks.map((tick) => {
              const y = valueY(scale, tick, PLOT_HEIGHT).toFixed(2);
              return VALUE_TICK.row({ y, label: formatTick(tick), dash: tick === scale.min ? "" : DASHED });
            })}
          />
          <RepeatedMarkup
            tag="g"
            template={TIME_TICK.template}
            rows={timeTicks(domain).map((tick) => TIME_TICK.row({ x: `${tick.x * 100}`, label: tick.label }))}
          />
        </g>
        {children}
      </svg>
    </div>
  );
}
