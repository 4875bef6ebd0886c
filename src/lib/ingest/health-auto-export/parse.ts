import type { ParsedIngest } from "../types";
import { BatchCollector } from "./batches";
import { BodyAccumulator, DailyAccumulator } from "./body-daily";
import { firstIssue } from "./issues";
import { parseMetricPoints } from "./metric-points";
import { haeBodySchema, haeMetricSchema } from "./schemas";
import { parseSleep } from "./sleep";
import { parseWorkout } from "./workouts";

export interface HaeParseOptions {
  /** The request's `automation-aggregation` header ("days", "Hours" …), when the endpoint has it. */
  aggregation?: string;
}

/**
 * A Health Auto Export REST body → records per source. Throws a ZodError when the body is not
 * the HAE envelope at all; anything wrong inside it lands in `rejected` with its path.
 * stateOfMind, medications, symptoms, cycleTracking, ecg and heartRateNotifications are ignored.
 */
export function parseHealthAutoExport(body: unknown, options: HaeParseOptions = {}): ParsedIngest {
  const { data } = haeBodySchema.parse(body);
  const collector = new BatchCollector();
  const measurements = new BodyAccumulator();
  const daily = new DailyAccumulator(options.aggregation);

  (data.metrics ?? []).forEach((raw, index) => {
    const path = `data.metrics[${index}]`;
    const parsed = haeMetricSchema.safeParse(raw);
    if (!parsed.success) return collector.reject(path, firstIssue(parsed.error));
    if (parsed.data.name === "sleep_analysis") parseSleep(parsed.data, path, collector);
    else parseMetricPoints(parsed.data, path, { collector, body: measurements, daily });
  });
  (data.workouts ?? []).forEach((raw, index) => parseWorkout(raw, `data.workouts[${index}]`, collector));

  measurements.flush(collector);
  daily.flush(collector);
  return { batches: collector.batches(), rejected: collector.rejected };
}
