import type { SampleRecord } from "@/lib/sync/records";
import type { RowHandler } from "./collect";
import { sourceIdOf } from "./origin";
import { hcSeriesRowSchema, type HcSeriesRow } from "./schemas";
import { BODY, seriesFields, type SeriesSpec, type SeriesValue } from "./series";

const numberAt = (row: HcSeriesRow, field: string) => (typeof row[field] === "number" ? row[field] : undefined);

function sampleOf(row: HcSeriesRow, spec: SeriesSpec, value: SeriesValue): SampleRecord | undefined {
  const convert = value.convert ?? ((number: number) => number);
  const [avg, min, max] = value.bucket ?? [];
  const reading = numberAt(row, value.field);
  const average = avg === undefined ? undefined : numberAt(row, avg);
  const amount = reading ?? average;
  if (amount === undefined) return undefined;
  const meta: Record<string, unknown> = {};
  if (reading === undefined && min !== undefined && max !== undefined) {
    const low = numberAt(row, min);
    const high = numberAt(row, max);
    if (low !== undefined) meta.min = convert(low);
    if (high !== undefined) meta.max = convert(high);
  }
  for (const field of spec.describedBy ?? []) if (row[field] != null) meta[field] = row[field];
  const sample: SampleRecord = {
    metric: value.metric,
    time: new Date(spec.isInterval ? row.start_time! : row.time!),
    value: convert(amount),
    unit: value.unit,
    meta: Object.keys(meta).length ? meta : null,
  };
  if (spec.isInterval) sample.endTime = new Date(row.end_time!);
  return sample;
}

/** Rows of one number (or a few) per time: each number becomes a sample of its own metric. */
export function seriesHandler(spec: SeriesSpec): RowHandler {
  const schema = hcSeriesRowSchema(seriesFields(spec), spec.isInterval);
  const expected = spec.values.map((value) => value.field).join(" or ");
  return (item, path, out) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) return out.rejectIssues(path, parsed.error);
    const samples = spec.values
      .map((value) => sampleOf(parsed.data, spec, value))
      .filter((sample) => sample !== undefined);
    if (!samples.length) return out.reject(path, `no value: expected ${expected}`);
    const sourceId = sourceIdOf(parsed.data.metadata);
    for (const sample of samples) out.sample(sourceId, sample, path);
  };
}

/** Weight and body fat rows become body measurements. */
export function bodyHandler(type: keyof typeof BODY): RowHandler {
  const { field, column } = BODY[type]!;
  const schema = hcSeriesRowSchema([{ name: field }], false);
  return (item, path, out) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) return out.rejectIssues(path, parsed.error);
    const value = numberAt(parsed.data, field);
    if (value === undefined) return out.reject(path, `no value: expected ${field}`);
    out.body(
      sourceIdOf(parsed.data.metadata),
      new Date(parsed.data.time!),
      { [column]: value },
      type,
      parsed.data,
      path,
    );
  };
}
