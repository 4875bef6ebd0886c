import { JsonSplitter } from "../json-stream/json-splitter";
import { PushBodyReader } from "../push-body-reader";
import type { ParsedIngest } from "../types";
import type { HaeParseOptions } from "./export-reader";
import { haeBodySchema } from "./schemas";

export type { HaeParseOptions } from "./export-reader";

/**
 * A Health Auto Export REST body → records per source, all at once. The ingest path streams
 * bodies through the same reader (HaeExportReader); this runs a body already in memory through
 * it, byte for byte as it would arrive. Throws a ZodError when the body is not the HAE envelope.
 */
export function parseHealthAutoExport(body: unknown, options: HaeParseOptions = {}): ParsedIngest {
  const isEnvelope = typeof body === "object" && body !== null && !Array.isArray(body) && "data" in body;
  if (!isEnvelope) haeBodySchema.parse(body);
  const reader = new PushBodyReader(options);
  const splitter = new JsonSplitter(reader);
  splitter.write(Buffer.from(JSON.stringify(body)));
  splitter.end();
  const { batches, rejected, unlistedRejections } = reader.finish();
  return unlistedRejections ? { batches, rejected, unlistedRejections } : { batches, rejected };
}
