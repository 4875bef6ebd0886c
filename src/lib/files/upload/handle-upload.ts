import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticateRequestUser } from "@/lib/http/authenticate-request";
import { errorResponse } from "@/lib/http/error-response";
import { maxFileBytes } from "../index";
import type { FileStore } from "../store";
import { readMultipartFiles, type IncomingFile, type MultipartLimits } from "./multipart";
import { fileTooLargeMessage, summarizeUploads } from "./summary";
import type { FileUploadResult, UploadReply } from "./types";
import { failure, uploadActivityFile } from "./upload-file";

export const FILE_FIELD = "file";
/** Files one request may carry; a bulk export goes in several requests. */
export const MAX_FILES_PER_REQUEST = 100;
/** One request may carry this many files' worth at the file limit (400 MB at the default 100 MB). */
const FILE_LIMITS_PER_REQUEST = 4;
/** Room for the part headers and boundaries around the files. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

export function uploadLimits(fileBytes = maxFileBytes()): MultipartLimits {
  return {
    maxFileBytes: fileBytes,
    maxRequestBytes: FILE_LIMITS_PER_REQUEST * fileBytes + MULTIPART_OVERHEAD_BYTES,
    maxFiles: MAX_FILES_PER_REQUEST,
  };
}

/**
 * POST /api/files: one or more FIT, GPX or TCX files in multipart fields named "file", from
 * a signed-in browser or with an X-API-Key. A well-formed request is answered 200 with one
 * result per file, in the order sent (created, duplicate, already_uploaded, or failed with
 * the status that file alone would have had: 413 past the file limit, 415 for another
 * format, 400 when it cannot be read), so one bad file never fails the others. The request
 * itself fails as a whole only when it cannot be taken at all: 401, 415 (not multipart),
 * 400 (no "file" field, a broken body), 413 (past the request limit).
 */
export async function handleFileUpload(
  db: Database,
  store: FileStore,
  request: Request,
  limits: MultipartLimits = uploadLimits(),
): Promise<Response> {
  const files: FileUploadResult[] = [];
  try {
    const userId = await authenticateRequestUser(db, request, { scope: "ingest" });
    const otherFileFields = new Set<string>();
    const outcome = await readMultipartFiles(request, limits, async (incoming) => {
      if (incoming.field !== FILE_FIELD) {
        otherFileFields.add(incoming.field);
        return;
      }
      const fileName = displayName(incoming.fileName);
      const bytes = await readWholeFile(incoming);
      if (!bytes) {
        files.push(
          failure(
            fileName,
            new AppError("PAYLOAD_TOO_LARGE", fileTooLargeMessage(fileName, limits.maxFileBytes), {
              limitBytes: limits.maxFileBytes,
            }),
          ),
        );
        return;
      }
      files.push(await uploadActivityFile(db, store, { userId, bytes, fileName, maxBytes: limits.maxFileBytes }));
    });
    if (files.length === 0) throw noFileField(outcome.textFields, otherFileFields);
    const reply: UploadReply = { files, summary: summarizeUploads(files) };
    if (outcome.isFilesLimitReached)
      reply.notice = `Only the first ${limits.maxFiles} files of a request are read; send the rest in another request.`;
    return Response.json(reply);
  } catch (error) {
    // Files read before the request failed are kept; say so, with their results.
    if (error instanceof AppError && files.length > 0)
      return errorResponse(
        new AppError(
          error.code,
          `${error.message} The ${files.length} file(s) before that were read (details.files).`,
          {
            ...error.details,
            files,
          },
        ),
      );
    return errorResponse(error);
  }
}

/** The file's bytes, or null when it passed the per-file limit (busboy skips the rest of it). */
async function readWholeFile({ stream }: IncomingFile): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let isTooLarge = false;
  stream.once("limit", () => {
    isTooLarge = true;
    chunks.length = 0;
  });
  for await (const chunk of stream) if (!isTooLarge) chunks.push(chunk as Buffer);
  return isTooLarge || stream.truncated ? null : Buffer.concat(chunks);
}

/** A client's file name made safe to show: no control characters, no folder, a sane length. */
function displayName(fileName: string | null): string | null {
  const cleaned = fileName?.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return cleaned ? cleaned.slice(0, 255) : null;
}

function noFileField(textFields: Set<string>, otherFileFields: Set<string>): AppError {
  const hint = textFields.has(FILE_FIELD)
    ? ` "${FILE_FIELD}" arrived as a text field; send it as a file part (with a filename).`
    : otherFileFields.size > 0
      ? ` Files arrived in ${[...otherFileFields].map((name) => `"${name}"`).join(", ")} instead.`
      : "";
  return new AppError("INVALID_INPUT", `Send one or more files in the multipart field "${FILE_FIELD}".${hint}`, {
    field: FILE_FIELD,
  });
}
