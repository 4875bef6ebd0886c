import { z } from "zod";
import type { ContainerKind, PathSegment, SplitAction } from "../json-stream/json-splitter";
import type { ParsedIngest } from "../types";
import { BatchCollector } from "./batches";
import { BodyAccumulator, DailyAccumulator } from "./body-daily";
import { firstIssue } from "./issues";
import { metricPointParser, type MetricSinks } from "./metric-points";
import { haeBodySchema, haeItemSchema, haeMetricSchema } from "./schemas";
import { parseSleep } from "./sleep";
import { parseWorkout } from "./workouts";

export interface HaeParseOptions {
  /** The request's `automation-aggregation` header ("days", "Hours" …), when the endpoint has it. */
  aggregation?: string;
}

type Point = (raw: unknown, index: number) => void;

/** One entry of `data.metrics` while its points stream past. */
interface OpenMetric {
  index: number;
  header: Record<string, unknown>;
  /**
   * waiting: no point yet; streaming: points parsed as they come; holding: points kept until the
   * metric closes (its header came after them, or it is sleep, which is parsed whole); rejected.
   */
  mode: "waiting" | "streaming" | "holding" | "rejected";
  held: unknown[];
  parsePoint: Point | null;
}

/**
 * Reads a Health Auto Export body as the JSON splitter walks it (paths below are full paths,
 * starting at the root's "data"). Metrics are taken point by point, workouts one at a time;
 * stateOfMind, medications, symptoms, cycleTracking, ecg and heartRateNotifications are skipped.
 * The envelope's rules are haeBodySchema's: a body that is not the envelope throws its ZodError,
 * anything wrong inside it lands in `rejected` with its path.
 */
export class HaeExportReader {
  readonly collector = new BatchCollector();
  private readonly sinks: MetricSinks;
  private metric: OpenMetric | null = null;

  constructor(options: HaeParseOptions = {}) {
    this.sinks = {
      collector: this.collector,
      body: new BodyAccumulator(),
      daily: new DailyAccumulator(options.aggregation),
      window: this.collector.window,
    };
  }

  select(parent: readonly PathSegment[], key: PathSegment, kind: ContainerKind): SplitAction {
    switch (parent.length) {
      case 1: // data.<array>: metrics and workouts are read, other arrays are walked item by item and skipped
        return kind === "array" ? "descend" : "emit";
      case 2:
        if (parent[1] !== "metrics" || kind !== "object") return "emit";
        this.openMetric(key as number);
        return "descend";
      case 3:
        return key === "data" && kind === "array" ? "emit-items" : "emit";
      default:
        return "emit";
    }
  }

  value(parent: readonly PathSegment[], key: PathSegment, value: unknown): void {
    switch (parent.length) {
      case 1:
        if (key === "metrics" || key === "workouts") haeBodySchema.parse({ data: { [key]: value } });
        return;
      case 2:
        if (parent[1] === "metrics") this.requireItem(parent, key, value);
        else if (parent[1] === "workouts")
          parseWorkout(this.requireItem(parent, key, value), `data.workouts[${key}]`, this.collector);
        return;
      case 3:
        if (parent[1] === "metrics") this.openMetric(parent[2] as number).header[key as string] = value;
        return;
      case 4:
        if (parent[1] === "metrics") this.point(parent[2] as number, value, key as number);
    }
  }

  close(path: readonly PathSegment[]): void {
    if (path.length === 3 && path[1] === "metrics") this.closeMetric();
  }

  /** Everything still held (workouts, sleep, day totals, body measurements and undrained samples). */
  finish(): ParsedIngest {
    this.sinks.body.flush(this.collector);
    this.sinks.daily.flush(this.collector);
    return { batches: this.collector.batches(), ...this.collector.rejections.summary() };
  }

  /** A metric or workout that is not an object fails the whole envelope, as haeBodySchema does. */
  private requireItem(parent: readonly PathSegment[], key: PathSegment, value: unknown): Record<string, unknown> {
    const parsed = haeItemSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [...parent, key, ...issue.path] })));
  }

  private openMetric(index: number): OpenMetric {
    if (this.metric?.index !== index) this.metric = { index, header: {}, mode: "waiting", held: [], parsePoint: null };
    return this.metric;
  }

  private point(metricIndex: number, raw: unknown, index: number): void {
    const metric = this.openMetric(metricIndex);
    if (metric.mode === "waiting") metric.mode = this.startPoints(metric);
    if (metric.mode === "streaming") metric.parsePoint!(raw, index);
    else if (metric.mode === "holding") metric.held.push(raw);
  }

  /** HAE writes name and units before data, so points are normally parsed as they come. */
  private startPoints(metric: OpenMetric): OpenMetric["mode"] {
    if (metric.header.name === undefined || metric.header.units === undefined) return "holding";
    const parsed = haeMetricSchema.safeParse({ ...metric.header, data: [] });
    if (!parsed.success) return "rejected";
    if (parsed.data.name === "sleep_analysis") return "holding";
    metric.parsePoint = metricPointParser(parsed.data, `data.metrics[${metric.index}]`, this.sinks);
    return "streaming";
  }

  private closeMetric(): void {
    const metric = this.metric;
    this.metric = null;
    if (!metric) return;
    const path = `data.metrics[${metric.index}]`;
    const parsed = haeMetricSchema.safeParse({ data: [], ...metric.header });
    if (!parsed.success) return this.collector.reject(path, firstIssue(parsed.error));
    if (parsed.data.name === "sleep_analysis")
      return parseSleep({ ...parsed.data, data: metric.held as Array<Record<string, unknown>> }, path, this.collector);
    if (metric.mode !== "holding") return;
    const parsePoint = metricPointParser(parsed.data, path, this.sinks);
    metric.held.forEach((raw, index) => parsePoint(raw, index));
  }
}
