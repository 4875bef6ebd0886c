// What a merged daily value is made of, as stored beside it (merged_daily_metrics.explanation)
// and returned by the API. Labels are left out on purpose: a renamed account or device shows
// its new name the next time the explanation is read (explain.ts words it then).

export interface SourceRef {
  provider: string;
  /** The account or device within the provider ("Apple Watch", a Garmin user id). */
  sourceId: string;
}

export interface MergePart extends SourceRef {
  value: number;
  /** Local hours of the day (0-23) this source was taken for; absent when its daily total was taken whole. */
  hours?: number[];
}

export interface DailyMergeExplanation {
  /** "hourly": each hour from the first source in order that covers it; "priority": one source's daily total. */
  method: "hourly" | "priority";
  /** What the merged value adds up, first-ranked source first. */
  parts: MergePart[];
  /** The other sources' own totals for the day: kept for comparison, not counted. */
  others: Array<SourceRef & { value: number }>;
}
