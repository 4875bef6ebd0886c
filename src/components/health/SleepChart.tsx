import type { SleepBucketRow } from "@/lib/db/queries/health-series";
import { bucketSlot, valueScale, valueY, type TimeDomain, type ValueScale } from "./chart-scale";
import { ChartFrame, PLOT_HEIGHT } from "./ChartFrame";
import { bucketLabel, formatHours } from "./labels";
import { stagesOf, SLEEP_STAGES, type StageKey } from "./sleep-stages";
import { markupShape, slot } from "./markup-shape";
import { RepeatedMarkup } from "./RepeatedMarkup";

type SleepChartProps = {
  id: string;
  title: string;
  description: string;
  nights: SleepBucketRow[];
  domain: TimeDomain;
};

const HOUR = 3600;
const BAR_SHARE = 0.7;

// A night's bar stacks its stages bottom to top; a stage the night lacks gets no height, so draws nothing.
const STAGE_BARS = SLEEP_STAGES.map(
  (stage) =>
    markupShape`<rect x="${slot("x")}%" width="${slot("width")}%" y="${slot(`${stage.key}Top`)}" height="${slot(`${stage.key}Height`)}" class="${stage.fill}"></rect>`,
);
const NIGHT = markupShape`<g data-night="" data-date="${slot("date")}" data-deep-s="${slot("deep")}" data-rem-s="${slot("rem")}" data-light-s="${slot("light")}" data-awake-s="${slot("awake")}" data-asleep-s="${slot("asleep")}"><title>${slot("when")}: ${slot("summary")}</title>${STAGE_BARS}</g>`;

/** One night's (or a week's or month's average) slot values: its stages' bars and its tooltip. */
function nightRow(
  { night, stages }: { night: SleepBucketRow; stages: ReturnType<typeof stagesOf> },
  domain: TimeDomain,
  scale: ValueScale,
): string[] {
  const slot = bucketSlot(domain, night.date);
  const stated = stages
    .filter((stage) => stage.seconds > 0)
    .map((stage) => `${stage.name.toLowerCase()} ${formatHours(stage.seconds)}`)
    .join(", ");
  const bars = {} as Record<`${StageKey}Top` | `${StageKey}Height`, string>;
  let below = 0;
  for (const stage of stages) {
    const top = valueY(scale, (below + stage.seconds) / HOUR, PLOT_HEIGHT);
    const bottom = valueY(scale, below / HOUR, PLOT_HEIGHT);
    below += stage.seconds;
    bars[`${stage.key}Top`] = top.toFixed(2);
    bars[`${stage.key}Height`] = stage.seconds > 0 ? Math.max(0, bottom - top).toFixed(2) : "0";
  }
  return NIGHT.row({
    ...bars,
    x: ((slot.x + (slot.width * (1 - BAR_SHARE)) / 2) * 100).toFixed(3),
    width: (slot.width * BAR_SHARE * 100).toFixed(3),
    date: night.date,
    deep: night.deepS ?? "",
    rem: night.remS ?? "",
    light: night.lightS ?? "",
    awake: night.awakeS ?? "",
    asleep: night.asleepS ?? "",
    when: bucketLabel(night.date, domain.bucket),
    summary: `${formatHours(night.asleepS ?? 0)} asleep (${stated})`,
  });
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
      <RepeatedMarkup tag="g" template={NIGHT.template} rows={stacked.map((bar) => nightRow(bar, domain, scale))} />
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
