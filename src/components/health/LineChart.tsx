import { bucketCenter, isGap, tickFormat, valueScale, valueY, type TimeDomain } from "./chart-scale";
import { ChartFrame, PLOT_HEIGHT } from "./ChartFrame";
import { bucketLabel } from "./labels";
import type { LineSeries, SeriesPoint } from "./series";
import { MARKERS } from "./series-style";
import { markupShape, slot } from "./markup-shape";
import { RepeatedMarkup } from "./RepeatedMarkup";

type LineChartProps = {
  id: string;
  title: string;
  description: string;
  series: LineSeries[];
  domain: TimeDomain;
  /** Stored value → the number shown (kg → lb); identity by default. */
  toDisplay?: (value: number) => number;
  formatValue: (displayed: number) => string;
  /** Round numbers of the value's unit by default. */
  formatTick?: (displayed: number) => string;
  includeZero?: boolean;
  /** Join points however far apart (weigh-ins a week apart); otherwise long gaps break the line. */
  joinGaps?: boolean;
};

/** Runs of points close enough to be joined by one line. */
function runs(domain: TimeDomain, points: SeriesPoint[], joinGaps: boolean): SeriesPoint[][] {
  const result: SeriesPoint[][] = [];
  for (const point of points) {
    const current = result.at(-1);
    if (current && (joinGaps || !isGap(domain, current.at(-1)!.date, point.date))) current.push(point);
    else result.push([point]);
  }
  return result;
}

// The polylines live in a nested SVG stretched to the plot (x in 0..1000), drawn with
// non-scaling strokes; markers and text use percentages, so nothing gets distorted.
const LINE_WIDTH_UNITS = 1000;

export function LineChart({
  id,
  title,
  description,
  series,
  domain,
  toDisplay = (value) => value,
  formatValue,
  formatTick,
  includeZero,
  joinGaps = false,
}: LineChartProps) {
  const scale = valueScale(
    series.flatMap((line) => line.points.map((point) => toDisplay(point.value))),
    { includeZero },
  );
  const y = (value: number) => valueY(scale, toDisplay(value), PLOT_HEIGHT);
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      domain={domain}
      scale={scale}
      formatTick={formatTick ?? tickFormat(scale)}
    >
      <defs>
        {Object.entries(MARKERS).map(([shape, path]) => (
          <path key={shape} id={`${id}-${shape}`} d={path} />
        ))}
      </defs>
      <svg
        width="100%"
        height={PLOT_HEIGHT}
        viewBox={`0 0 ${LINE_WIDTH_UNITS} ${PLOT_HEIGHT}`}
        preserveAspectRatio="none"
        overflow="visible"
        aria-hidden
      >
        {series.map((line) =>
          runs(domain, line.points, joinGaps).map((run) => (
            <polyline
              key={`${line.key}-${run[0]!.date}`}
              points={run
                .map(
                  (point) =>
                    `${(bucketCenter(domain, point.date) * LINE_WIDTH_UNITS).toFixed(2)},${y(point.value).toFixed(2)}`,
                )
                .join(" ")}
              fill="none"
              strokeWidth={2}
              strokeLinejoin="round"
              strokeDasharray={line.isDashed ? "6 4" : undefined}
              vectorEffect="non-scaling-stroke"
              className={line.style.stroke}
            />
          )),
        )}
      </svg>
      {series.map((line) => {
        const mark = markupShape`<use href="#${id}-${line.style.marker}" x="${slot("x")}%" y="${slot("y")}" data-point="" data-date="${slot("date")}" data-value="${slot("value")}"><title>${line.label}, ${slot("when")}: ${slot("shown")}</title></use>`;
        return (
          <RepeatedMarkup
            key={line.key}
            tag="g"
            data-series={line.key}
            data-label={line.label}
            className={`${line.style.fill} stroke-white dark:stroke-zinc-900`}
            strokeWidth={1.5}
            template={mark.template}
            rows={line.points.map((point) =>
              mark.row({
                x: (bucketCenter(domain, point.date) * 100).toFixed(3),
                y: y(point.value).toFixed(2),
                date: point.date,
                value: point.value,
                when: bucketLabel(point.date, domain.bucket),
                shown: formatValue(toDisplay(point.value)),
              }),
            )}
          />
        );
      })}
    </ChartFrame>
  );
}
