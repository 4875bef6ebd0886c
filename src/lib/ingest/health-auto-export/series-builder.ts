import type { SampleSeries } from "@/lib/sync/sample-series";

const INITIAL_CAPACITY = 1024;

function grown(array: Float64Array, capacity: number): Float64Array {
  const copy = new Float64Array(capacity);
  copy.set(array);
  return copy;
}

/** One metric's samples appended column by column; `build` hands them over as a SampleSeries. */
export class SeriesBuilder {
  length = 0;
  private timeColumn: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private valueColumn: Float64Array = new Float64Array(INITIAL_CAPACITY);
  /** Only once a sample has an end time (NaN for those without). */
  private endColumn: Float64Array | null = null;
  /** Only once a sample has a meta. */
  private metaColumn: unknown[] | null = null;
  private unit: string | null = null;
  /** Only once a sample's unit differs from the first one's. */
  private unitColumn: string[] | null = null;

  constructor(readonly metric: string) {}

  push(unit: string, time: number, value: number, endTime: number, meta: unknown): void {
    const index = this.length;
    if (index === this.timeColumn.length) {
      const capacity = index * 2;
      this.timeColumn = grown(this.timeColumn, capacity);
      this.valueColumn = grown(this.valueColumn, capacity);
      if (this.endColumn) this.endColumn = grown(this.endColumn, capacity);
    }
    this.timeColumn[index] = time;
    this.valueColumn[index] = value;
    if (!Number.isNaN(endTime)) {
      this.endColumn ??= new Float64Array(this.timeColumn.length).fill(NaN);
      this.endColumn[index] = endTime;
    } else if (this.endColumn) this.endColumn[index] = NaN;
    if (meta != null) {
      this.metaColumn ??= new Array<unknown>(index).fill(null);
      this.metaColumn.push(meta);
    } else this.metaColumn?.push(null);
    if (this.unit === null) this.unit = unit;
    else if (this.unitColumn || unit !== this.unit) {
      this.unitColumn ??= new Array<string>(index).fill(this.unit);
      this.unitColumn.push(unit);
    }
    this.length++;
  }

  /** The times held, in the order they came. */
  times(): Float64Array {
    return this.timeColumn.subarray(0, this.length);
  }

  /** The samples held, copied to their exact length (the builder may keep growing). */
  build(): SampleSeries {
    return {
      metric: this.metric,
      unit: this.unitColumn ? [...this.unitColumn] : (this.unit ?? ""),
      times: this.timeColumn.slice(0, this.length),
      endTimes: this.endColumn?.slice(0, this.length) ?? null,
      values: this.valueColumn.slice(0, this.length),
      metas: this.metaColumn ? this.metaColumn.slice(0, this.length) : null,
    };
  }
}
