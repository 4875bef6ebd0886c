import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";
import { AppError } from "@/lib/errors";

export interface ReceivedBody {
  /** The body exactly as sent, gzip: what the receipt keeps and what parsing reads back. */
  gzip: Buffer;
  bytes: number;
}

// Level 1 compresses a JSON export about 7x at several times the speed of the default level,
// and the body is read back once, moments later.
export const RECEIPT_GZIP_LEVEL = 1;

/**
 * Reads a request body, compressing it as it arrives: a 50 MB export is held as the few MB of
 * its gzip, never whole. Refuses (413) as soon as the body passes the limit; Content-Length,
 * when sent, is checked before reading anything.
 */
export async function receiveBody(request: Request, maxBytes: number): Promise<ReceivedBody> {
  const tooLarge = () =>
    new AppError("PAYLOAD_TOO_LARGE", `The body is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit (INGEST_MAX_BYTES). Send smaller batches.`, { limitBytes: maxBytes });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return { gzip: gzipSync(Buffer.alloc(0), { level: RECEIPT_GZIP_LEVEL }), bytes: 0 };

  let bytes = 0;
  const gzip: Buffer[] = [];
  await pipeline(
    Readable.fromWeb(request.body as never),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > maxBytes ? tooLarge() : null, chunk);
      },
    }),
    createGzip({ level: RECEIPT_GZIP_LEVEL }),
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const chunk of compressed) gzip.push(chunk);
    },
  );
  return { gzip: Buffer.concat(gzip), bytes };
}
