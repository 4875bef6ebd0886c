import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";
import { AppError } from "@/lib/errors";

export interface ReceivedBody {
  /** The body exactly as sent, gzip: what the receipt keeps and what parsing reads back. */
  gzip: Buffer;
  bytes: number;
}

export interface ReceiveOptions {
  /** Where the limit is set, named in the 413 (e.g. INGEST_MAX_BYTES). */
  limitName?: string;
  /** Sees each chunk as it arrives, before it is compressed (a streaming parse); a throw aborts the read. */
  onChunk?: (chunk: Buffer) => void;
}

// Level 1 compresses a JSON export about 7x at several times the speed of the default level,
// and the body is read back once, moments later.
export const RECEIPT_GZIP_LEVEL = 1;

function tooLarge(maxBytes: number, limitName?: string): AppError {
  const limit =
    maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    `The body is larger than the ${limit} limit${limitName ? ` (${limitName})` : ""}. Send smaller batches.`,
    { limitBytes: maxBytes },
  );
}

/** Passes the body's bytes on as they arrive, refusing (413) as soon as they pass the limit. */
function cappedChunks(maxBytes: number, options: ReceiveOptions): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(tooLarge(maxBytes, options.limitName));
      try {
        options.onChunk?.(chunk);
      } catch (error) {
        return done(error as Error);
      }
      done(null, chunk);
    },
  });
}

/**
 * The body's chunks. Stopping early (a 413) leaves the rest unread rather than cancelled:
 * cancelling would tear down the connection before the sender reads the answer, while an
 * unread rest is discarded by the server once the response is sent.
 */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  } finally {
    reader.releaseLock();
  }
}

/** Content-Length, when sent, is checked before reading anything. */
function checkDeclaredLength(request: Request, maxBytes: number, options: ReceiveOptions) {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes, options.limitName);
}

/**
 * Reads a request body, compressing it as it arrives: a 50 MB export is held as the few MB of
 * its gzip, never whole.
 */
export async function receiveBody(
  request: Request,
  maxBytes: number,
  options: ReceiveOptions = {},
): Promise<ReceivedBody> {
  checkDeclaredLength(request, maxBytes, options);
  if (!request.body) return { gzip: gzipSync(Buffer.alloc(0), { level: RECEIPT_GZIP_LEVEL }), bytes: 0 };

  let bytes = 0;
  const gzip: Buffer[] = [];
  await pipeline(
    Readable.from(chunksOf(request.body)),
    cappedChunks(maxBytes, {
      ...options,
      onChunk(chunk) {
        bytes += chunk.length;
        options.onChunk?.(chunk);
      },
    }),
    createGzip({ level: RECEIPT_GZIP_LEVEL }),
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const chunk of compressed) gzip.push(chunk);
    },
  );
  return { gzip: Buffer.concat(gzip), bytes };
}

/** Reads a small body whole as text (signatures are computed over it), refusing it past the limit. */
export async function receiveText(request: Request, maxBytes: number, options: ReceiveOptions = {}): Promise<string> {
  checkDeclaredLength(request, maxBytes, options);
  if (!request.body) return "";
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from(chunksOf(request.body)),
    cappedChunks(maxBytes, options),
    async (read: AsyncIterable<Buffer>) => {
      for await (const chunk of read) chunks.push(chunk);
    },
  );
  return Buffer.concat(chunks).toString("utf8");
}
