import { parseHealthAutoExport } from "./health-auto-export/parse";
import { parseHealthConnect } from "./health-connect/parse";
import type { PushSourceSlug } from "./push-sources";
import type { IngestFormat, ParsedIngest } from "./types";

interface Format {
  format: IngestFormat;
  provider: PushSourceSlug;
  parse(body: unknown): ParsedIngest;
}

const HEALTH_AUTO_EXPORT: Format = { format: "health-auto-export", provider: "apple_health", parse: parseHealthAutoExport };
const HEALTH_CONNECT: Format = { format: "health-connect", provider: "health_connect", parse: parseHealthConnect };

/**
 * Which app sent this body. Health Auto Export always wraps its export in `data`; anything
 * else is read as HC Webhook, whose parser names the field when it is neither.
 */
export function detectFormat(body: unknown): Format {
  const isHealthAutoExport = typeof body === "object" && body !== null && !Array.isArray(body) && "data" in body;
  return isHealthAutoExport ? HEALTH_AUTO_EXPORT : HEALTH_CONNECT;
}
