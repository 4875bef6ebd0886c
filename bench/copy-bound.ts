import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import type { SampleRecord } from "../src/lib/sync/records";

export interface CopyRow {
  userId: string;
  provider: string;
  sourceId: string;
  sample: SampleRecord;
}

// COPY's text format: backslash, tab and line breaks escaped, \N for null.
const field = (value: string | number | null | undefined) =>
  value == null
    ? "\\N"
    : String(value).replace(/[\\\t\n\r]/g, (char) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[char]!);

function* lines(rows: CopyRow[], perChunk = 5_000): Generator<string> {
  for (let start = 0; start < rows.length; start += perChunk) {
    let chunk = "";
    for (const { userId, provider, sourceId, sample } of rows.slice(start, start + perChunk)) {
      const meta = sample.meta == null ? null : JSON.stringify(sample.meta);
      chunk += `${[userId, provider, sourceId, sample.metric, sample.time.toISOString(), sample.endTime?.toISOString(), sample.value, sample.unit, meta].map(field).join("\t")}\n`;
    }
    yield chunk;
  }
}

/**
 * The physical bound: the same samples streamed into the same table with a plain COPY (no
 * parsing, no validation, no conflict handling). Returns the seconds it took.
 */
export async function copySamples(url: string, rows: CopyRow[]): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const started = performance.now();
    const writable =
      await sql`copy samples (user_id, provider, source_id, metric, time, end_time, value, unit, meta) from stdin`.writable();
    await pipeline(Readable.from(lines(rows)), writable);
    return (performance.now() - started) / 1000;
  } finally {
    await sql.end();
  }
}
