import type { SleepBucketRow } from "@/lib/db/queries/health-series";
import { bucketSlot, valueScale, valueY, type TimeDomain, type ValueScale } from "./chart-scale";
import { ChartFrame, PLOT_HEIGHT } from "./ChartFrame";
import { bucketLabel, formatHours } from "./labels";
import { stagesOf, SLEEP_STAGES } from "./sleep-stages";
import { element, titleElement } from "./svg-markup";

type SleepChartProps = {
  id: string;
  title: string;
  description: string;
  nights: SleepBucketRow[];
  domain: TimeDomain;
};

const HOUR = 3600;
const BAR_SHARE = 0.7;

/** One night (or a week's or month's average) as a bar of its stages, with its tooltip. */
function nightMarkup(
  { night, stages }: { night: SleepBucketRow; stages: ReturnType<typeof stagesOf> },
  domain: TimeDomain,
  scale: ValueScale,
): string {
  const slot = bucketSlot(domain, night.date);
  const summary = stages
    .filter((stage) => stage.seconds > 0)
    .map((stage) => `${stage.name.toLowerCase()} ${formatHours(stage.seconds)}`)
    .join(", ");
  let below = 0;
  const bars = stages.map((stage) => {
    const top = valueY(scale, (below + stage.seconds) / HOUR, PLOT_HEIGHT);
    const bottom = valueY(scale, below / HOUR, PLOT_HEIGHT);
    below += stage.seconds;
    return stage.seconds > 0
      ? element("rect", {
          x: `${((slot.x + (slot.width * (1 - BAR_SHARE)) / 2) * 100).toFixed(3)}%`,
          width: `${(slot.width * BAR_SHARE * 100).toFixed(3)}%`,
          y: top.toFixed(2),
          height: Math.max(0, bottom - top).toFixed(2),
          class: stage.fill,
        })
      : "";
  });
  return element(
    "g",
    {
      "data-night": "",
      "data-date": night.date,
      "data-deep-s": night.deepS ?? "",
      "data-rem-s": night.remS ?? "",
      "data-light-s": night.lightS ?? "",
      "data-awake-s": night.awakeS ?? "",
      "data-asleep-s": night.asleepS ?? "",
    },
    titleElement(`${bucketLabel(night.date, domain.bucket)}: ${formatHours(night.asleepS ?? 0)} asleep (${summary})`) +
      bars.join(""),
  );
}

/** One source's nights as stacked bars: deep at the bottom, awake on top. */
export function SleepChart({ id, title, description, nights, domain }: SleepChartProps) {
  const stacked = nights.map((night) => ({ night, stages: stagesOf(night) }));
  const scale = valueScale(
    stacked.map(({ stages }) => stages.reduce((sum, stage) => sum + stage.seconds, 0) / HOUR),
    { includeZero: true },
  );
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      domain={domain}
      scale={scale}
      formatTick={(hours) => `${hours}h`}
    >
      <g dangerouslySetInnerHTML={{ __html: stacked.map((bar) => nightMarkup(bar, domain, scale)).join("") }} />
    </ChartFrame>
  );
}

/** The stages these nights have (no "Asleep, no stages" entry for a source that always stages). */
export function SleepStageLegend({ nights }: { nights: SleepBucketRow[] }) {
  const present = new Set(
    nights.flatMap((night) =>
      stagesOf(night)
        .filter((stage) => stage.seconds > 0)
        .map((stage) => stage.key),
    ),
  );
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Sleep stages">
      {SLEEP_STAGES.filter((stage) => present.has(stage.key)).map((stage) => (
        <li key={stage.key} className="flex items-center gap-1.5">
          <svg width="10" height="10" aria-hidden>
            <rect width="10" height="10" rx="2" className={stage.fill} />
          </svg>
          {stage.name}
        </li>
      ))}
    </ul>
  );
}
