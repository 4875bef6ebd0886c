import type { ParsedIngest } from "@/lib/ingest/types";
import { Collector, type ParseOptions, type RowHandler } from "./collect";
import { hcBodySchema } from "./schemas";
import { BODY, SERIES } from "./series";
import { exerciseHandler } from "./transform-activity";
import { bodyHandler, seriesHandler } from "./transform-series";
import { sleepHandler } from "./transform-sleep";
import { unknownHandler } from "./transform-unknown";

const HANDLERS = new Map<string, RowHandler>([
  ["exercise", exerciseHandler],
  ["sleep", sleepHandler],
  ...Object.keys(BODY).map((type): [string, RowHandler] => [type, bodyHandler(type)]),
  ...Object.entries(SERIES).map(([type, spec]): [string, RowHandler] => [type, seriesHandler(spec)]),
]);

const ROOT_FIELDS = new Set(["timestamp", "app_version", "test"]);

/**
 * Turns an HC Webhook body into records grouped by the app and device that wrote them.
 * Throws a ZodError naming the field when the body is not HC Webhook's shape; a bad row
 * goes to `rejected` while the rest parses. Pure and deterministic: the same body always
 * gives the same records, so re-sent windows upsert onto themselves.
 */
export function parseHealthConnect(body: unknown, options: ParseOptions = {}): ParsedIngest {
  const root = hcBodySchema.parse(body);
  // The in-app Test button sends made-up readings (a run, a 75.5 kg weight) timed yesterday.
  if (root.test)
    return {
      batches: [],
      rejected: [{ path: "test", reason: "the app's Test payload holds mock data; nothing stored" }],
    };
  const out = new Collector();
  for (const [key, value] of Object.entries(root)) {
    if (ROOT_FIELDS.has(key)) continue;
    if (!Array.isArray(value)) {
      out.reject(key, "not a list of records");
      continue;
    }
    const handle = HANDLERS.get(key) ?? unknownHandler(key);
    value.forEach((item, index) => handle(item, `${key}[${index}]`, out, options));
  }
  return out.result();
}
