import type { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "@/lib/errors";
import { formatFileSize } from "../format-size";

export interface MultipartLimits {
  /** Past this a file is cut off (its stream's `truncated` is set) and the rest of it skipped. */
  maxFileBytes: number;
  /** Past this the whole request is refused (413) and not read further. */
  maxRequestBytes: number;
  maxFiles: number;
}

export interface IncomingFile {
  field: string;
  /** The client's name for the file, without any folder part: for display only, never a path. */
  fileName: string | null;
  stream: Readable & { truncated?: boolean };
}

export interface MultipartOutcome {
  /** Names of the non-file fields, so a caller can tell "no file" from "sent as text". */
  textFields: Set<string>;
  isFilesLimitReached: boolean;
}

// A form's text fields are not what this reads; a few small ones are allowed and ignored.
const MAX_TEXT_FIELDS = 20;
const MAX_TEXT_FIELD_BYTES = 64 * 1024;

/**
 * Streams a multipart/form-data body and hands each file part to `onFile` in order, one at a
 * time: the next part is not read until `onFile` has finished with this one, so at most one
 * file's bytes (up to maxFileBytes) are held, whatever the request's size. `onFile` must read
 * or drain the stream; a stream it leaves unread is drained after it returns.
 *
 * Stopping early (the request limit, a malformed body) leaves the rest of the body unread,
 * not cancelled, so the sender still reads the answer (the server discards the rest); a file
 * onFile was already keeping is finished before the error is thrown.
 */
export async function readMultipartFiles(
  request: Request,
  limits: MultipartLimits,
  onFile: (file: IncomingFile) => Promise<void>,
): Promise<MultipartOutcome> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the files as multipart/form-data, each in a field named "file" (got ${contentType || "no Content-Type"}).`,
    );
  }
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limits.maxRequestBytes) throw requestTooLarge(limits.maxRequestBytes);
  if (!request.body) throw new AppError("INVALID_INPUT", 'The request has no body: send files in the field "file".');

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send a file's name as raw UTF-8; busboy would read it as Latin-1.
      defParamCharset: "utf8",
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: MAX_TEXT_FIELDS,
        fieldSize: MAX_TEXT_FIELD_BYTES,
        parts: limits.maxFiles + MAX_TEXT_FIELDS,
      },
    });
  } catch (error) {
    throw unreadable(error);
  }

  const outcome: MultipartOutcome = { textFields: new Set(), isFilesLimitReached: false };
  // The first failure (busboy's, or one onFile threw) stops the reading; later ones add nothing.
  let firstError: { error: unknown } | undefined;
  let reject!: (error: unknown) => void;
  const failed = new Promise<never>((_, rejectFailed) => (reject = rejectFailed));
  failed.catch(() => undefined);
  const fail = (error: unknown) => {
    firstError ??= { error };
    reject(firstError.error);
  };

  let work: Promise<void> = Promise.resolve();
  parser.on("file", (field, stream, info) => {
    // A stream cut off by a failed request errors; whoever reads it sees that, nobody else must.
    stream.on("error", () => undefined);
    work = work
      .then(() => (firstError ? undefined : onFile({ field, fileName: info.filename || null, stream })))
      .catch(fail)
      .finally(() => stream.resume());
  });
  parser.on("field", (name) => outcome.textFields.add(name));
  parser.on("filesLimit", () => (outcome.isFilesLimitReached = true));
  parser.on("error", (error) => fail(unreadable(error)));
  const finished = new Promise<void>((resolve) => parser.once("finish", resolve));

  const reader = request.body.getReader();
  try {
    let received = 0;
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), failed]);
      if (done) break;
      received += value.byteLength;
      if (received > limits.maxRequestBytes) throw requestTooLarge(limits.maxRequestBytes);
      // The callback waits until busboy has passed the chunk on, i.e. until onFile reads it.
      await Promise.race([new Promise<void>((resolve) => parser.write(value, () => resolve())), failed]);
    }
    parser.end();
    await Promise.race([finished, failed]);
    await work;
    if (firstError) throw firstError.error;
  } catch (error) {
    fail(error);
    // The file being kept when the request failed is finished first, so the caller can say so.
    parser.destroy();
    await work;
    throw firstError!.error;
  } finally {
    reader.releaseLock();
  }
  return outcome;
}

function requestTooLarge(maxRequestBytes: number): AppError {
  return new AppError(
    "PAYLOAD_TOO_LARGE",
    `The request is larger than the ${formatFileSize(maxRequestBytes)} a single upload may be. Send fewer files per request.`,
    { limitBytes: maxRequestBytes },
  );
}

function unreadable(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError("INVALID_INPUT", `The multipart body cannot be read: ${reason}.`);
}
