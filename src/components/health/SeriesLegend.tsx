import type { LineSeries } from "./series";
import { MARKERS } from "./series-style";

/** Which line is which source: colour, line style and marker, as drawn in the chart. */
export function SeriesLegend({ series }: { series: LineSeries[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Sources">
      {series.map((line) => (
        <li key={line.key} className="flex items-center gap-1.5" data-legend={line.key}>
          <svg width="24" height="12" aria-hidden className="overflow-visible">
            <line
              x1="0"
              x2="24"
              y1="6"
              y2="6"
              strokeWidth="2"
              strokeDasharray={line.isDashed ? "4 3" : undefined}
              className={line.style.stroke}
            />
            <path
              d={MARKERS[line.style.marker]}
              transform="translate(12 6)"
              className={`${line.style.fill} stroke-white dark:stroke-zinc-900`}
              strokeWidth="1.5"
            />
          </svg>
          {line.label}
        </li>
      ))}
    </ul>
  );
}
