import { AppError } from "@/lib/errors";

/**
 * Reads a request body into one Buffer, refusing as soon as it passes the limit (so an
 * oversized upload is never held whole). Content-Length is checked first when sent.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new AppError("PAYLOAD_TOO_LARGE", `The body is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit (INGEST_MAX_BYTES). Send smaller batches.`, { limitBytes: maxBytes });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
