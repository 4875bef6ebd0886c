import type { RowHandler } from "./collect";
import { sourceIdOf } from "./origin";
import { hcUnknownRowSchema } from "./schemas";

// The unit a field's name spells ("lean_kilograms" → kg); otherwise the field's own name is its unit.
const UNITS: Array<[RegExp, string]> = [
  [/(^|_)kilograms$|_kg$/, "kg"],
  [/(^|_)grams$/, "g"],
  [/(^|_)meters$|_m$/, "m"],
  [/(^|_)celsius$/, "degC"],
  [/(^|_)percentage$|_percent$/, "%"],
  [/(^|_)bpm$/, "bpm"],
  [/(^|_)millis$|_ms$/, "ms"],
  [/(^|_)seconds$/, "s"],
  [/(^|_)liters$/, "L"],
  [/(^|_)watts$/, "W"],
  [/(^|_)calories$|_kcal$/, "kcal"],
];

export const unitOfField = (field: string) => UNITS.find(([pattern]) => pattern.test(field))?.[1] ?? field;

// Repeats what the times already say.
const SKIPPED_FIELDS = new Set(["duration_seconds"]);

/**
 * An array we have no table for (a type a newer app build added, or cycle tracking): every
 * number in a row becomes a sample named after the array, or after array and field when a
 * row has several. A row with no number is rejected, not dropped.
 */
export function unknownHandler(type: string): RowHandler {
  return (item, path, out) => {
    const parsed = hcUnknownRowSchema.safeParse(item);
    if (!parsed.success) return out.rejectIssues(path, parsed.error);
    const row = parsed.data;
    const numbers = Object.entries(row).filter(
      (entry): entry is [string, number] =>
        typeof entry[1] === "number" && Number.isFinite(entry[1]) && !SKIPPED_FIELDS.has(entry[0]),
    );
    if (!numbers.length)
      return out.reject(path, `${type} is not a type we store, and this row has no number to keep as a sample`);
    const sourceId = sourceIdOf(row.metadata);
    for (const [field, value] of numbers) {
      out.sample(
        sourceId,
        {
          metric: numbers.length === 1 ? type : `${type}_${field}`,
          time: new Date(row.time ?? row.start_time!),
          ...(row.time === undefined && row.end_time !== undefined ? { endTime: new Date(row.end_time) } : {}),
          value,
          unit: unitOfField(field),
          meta: null,
        },
        path,
      );
    }
  };
}
