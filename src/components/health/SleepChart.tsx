import type { SleepBucketRow } from "@/lib/db/queries/health-series";
import { bucketSlot, valueScale, valueY, type TimeDomain } from "./chart-scale";
import { ChartFrame, PLOT_HEIGHT } from "./ChartFrame";
import { bucketLabel, formatHours } from "./labels";
import { stagesOf, SLEEP_STAGES } from "./sleep-stages";

type SleepChartProps = {
  id: string;
  title: string;
  description: string;
  nights: SleepBucketRow[];
  domain: TimeDomain;
};

const HOUR = 3600;
const BAR_SHARE = 0.7;

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
      {stacked.map(({ night, stages }) => {
        const slot = bucketSlot(domain, night.date);
        let below = 0;
        const summary = stages
          .filter((stage) => stage.seconds > 0)
          .map((stage) => `${stage.name.toLowerCase()} ${formatHours(stage.seconds)}`)
          .join(", ");
        return (
          <g
            key={night.date}
            data-night=""
            data-date={night.date}
            data-deep-s={night.deepS ?? ""}
            data-rem-s={night.remS ?? ""}
            data-light-s={night.lightS ?? ""}
            data-awake-s={night.awakeS ?? ""}
            data-asleep-s={night.asleepS ?? ""}
          >
            <title>{`${bucketLabel(night.date, domain.bucket)}: ${formatHours(night.asleepS ?? 0)} asleep (${summary})`}</title>
            {stages.map((stage) => {
              const top = valueY(scale, (below + stage.seconds) / HOUR, PLOT_HEIGHT);
              const bottom = valueY(scale, below / HOUR, PLOT_HEIGHT);
              below += stage.seconds;
              return stage.seconds > 0 ? (
                <rect
                  key={stage.key}
                  x={`${((slot.x + (slot.width * (1 - BAR_SHARE)) / 2) * 100).toFixed(3)}%`}
                  width={`${(slot.width * BAR_SHARE * 100).toFixed(3)}%`}
                  y={top.toFixed(2)}
                  height={Math.max(0, bottom - top).toFixed(2)}
                  className={stage.fill}
                />
              ) : null;
            })}
          </g>
        );
      })}
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
