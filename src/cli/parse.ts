import { UsageError } from "./errors";

// Option values as typed on the command line, checked here so a mistake is exit 2 naming the option.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDateOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new UsageError(`--${name} must be a date, YYYY-MM-DD (got "${value}").`);
  return value;
}

export function parseDateRange(values: { start?: string; end?: string }) {
  const from = parseDateOption("start-date", values.start);
  const to = parseDateOption("end-date", values.end);
  if (from && to && from > to) throw new UsageError("--start-date must not be after --end-date.");
  return { from, to };
}

export function parsePositiveInteger(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max} (got "${value}").`);
  return Number(value);
}

/** "run,ride" or "run, trail_run" -> ["run", "ride"]; our types are snake_case words. */
export function parseTypeList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const types = value
    .split(",")
    .map((type) => type.trim())
    .filter(Boolean);
  const bad = types.find((type) => !/^[a-z][a-z0-9_]*$/.test(type));
  if (bad || !types.length)
    throw new UsageError(`--activity-type must be activity types separated by commas, e.g. run,ride (got "${value}").`);
  return types;
}
