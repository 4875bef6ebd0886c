import { createGunzip } from "node:zlib";
import type { Database } from "@/lib/db";
import type { HaeParseOptions } from "./health-auto-export/export-reader";
import { IngestWriter } from "./ingest-writer";
import { JsonSplitter } from "./json-stream/json-splitter";
import { PushBodyReader } from "./push-body-reader";

/** Samples parsed between two writes: one statement's worth (upsertSamples writes 10,000 at a time). */
const SAMPLES_PER_WRITE = 10_000;

export interface IngestOptions extends HaeParseOptions {
  /** How many samples to collect before writing them (tests make it small to cross many writes). */
  samplesPerWrite?: number;
  /** How many bytes the parser takes between two checks for a write (the same, for tests). */
  bytesPerStep?: number;
}

/**
 * Gunzips, splits and parses a kept body a chunk at a time inside the caller's transaction,
 * writing samples as they pile up: memory holds one slice, not the export.
 */
export async function writeBody(tx: Database, userId: string, gzipped: Buffer, options: IngestOptions = {}) {
  const samplesPerWrite = options.samplesPerWrite ?? SAMPLES_PER_WRITE;
  const bytesPerStep = options.bytesPerStep ?? 64 * 1024;
  const reader = new PushBodyReader(options);
  const splitter = new JsonSplitter(reader);
  const writer = new IngestWriter(tx, userId);
  const chunks = createGunzip({ chunkSize: 64 * 1024 });
  chunks.end(gzipped);
  const collected = reader.hae.collector;
  try {
    for await (const chunk of chunks as AsyncIterable<Buffer>) {
      for (let start = 0; start < chunk.length; start += bytesPerStep) {
        splitter.write(chunk.subarray(start, start + bytesPerStep));
        if (collected.pendingSamples >= samplesPerWrite) await writer.send("apple_health", collected.drainSamples());
      }
    }
    splitter.end();
    const read = reader.finish();
    await writer.send(read.provider, read.batches);
    return {
      format: read.format,
      counts: await writer.done(),
      rejected: read.rejected,
      unlistedRejections: read.unlistedRejections,
    };
  } catch (error) {
    // The transaction rolls back once this throws; let the statement still running finish first.
    await writer.settle();
    throw error;
  }
}
