import { AppError } from "@/lib/errors";

// Worded as the file store words its own limit (disk-store.ts).
const formatLimit = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;

const limitError = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The file is larger than the ${formatLimit(maxBytes)} limit.`, {
    limitBytes: maxBytes,
  });

/**
 * A download's bytes, refused past `maxBytes` without reading further: a declared length over
 * the limit is refused before the body is read, and an undeclared one is cut off where it passes.
 */
export async function readBodyWithin(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw limitError(maxBytes);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw limitError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
