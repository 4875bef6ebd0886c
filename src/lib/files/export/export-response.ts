import { Readable } from "node:stream";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { User } from "@/lib/db/schema";
import { answerRange, rangeResponseInit } from "@/lib/http/byte-range";
import { attachmentDisposition } from "@/lib/http/content-disposition";
import { isNotModified } from "../download/file-meta";
import type { FileStore } from "../store";
import { ByteWindow } from "./byte-window";
import { planExport } from "./plan";
import { createExportZip } from "./zip-stream";

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const isoDate = z.preprocess(blankToUndefined, z.iso.date({ message: "must be a date like 2026-11-01" }).optional());

export const exportQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    // include=data: the full-account zip, the person's tables as CSV and a README beside the files.
    include: z.preprocess(blankToUndefined, z.enum(["data"], { message: "must be data (or left out)" }).optional()),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: "must not be after to",
    path: ["from"],
  });
export type ExportQuery = z.infer<typeof exportQuerySchema>;

const zipName = (query: ExportQuery) =>
  `qt-run-${query.include === "data" ? "account" : "export"}-${query.from || query.to ? `${query.from ?? "start"}-to-${query.to ?? "now"}` : "all"}.zip`;

/**
 * The person's activity files for a date range (every day when none is given) as one zip,
 * streamed; with include=data, the full-account zip (their tables as CSV too). `Range: bytes=N-` resumes: the same query over the same data gives the same bytes,
 * so the zip is made again and the first N bytes skipped. If-Range with an old ETag (the data
 * changed since) gets the whole new zip instead of a spliced one.
 */
export async function respondWithExport(
  db: Database,
  store: FileStore,
  params: { user: User; query: ExportQuery; request: Request },
): Promise<Response> {
  const { query, request } = params;
  const plan = await planExport(db, store, {
    user: params.user,
    from: query.from,
    to: query.to,
    includeData: query.include === "data",
  });
  const zip = createExportZip(store, plan);
  const headers = {
    etag: plan.etag,
    "content-type": "application/zip",
    "content-disposition": attachmentDisposition(zipName(query)),
    // no-transform: a compressing proxy (or Next's own gzip) must not change bytes a Range counts.
    "cache-control": "private, no-cache, no-transform",
    "x-content-type-options": "nosniff",
  };
  if (isNotModified(request.headers, plan.etag)) {
    zip.abort();
    return new Response(null, { status: 304, headers });
  }
  const answer = answerRange(request.headers, { size: zip.sizeBytes, etag: plan.etag });
  const init = rangeResponseInit(answer, zip.sizeBytes);
  for (const [name, value] of Object.entries(headers)) init.headers.set(name, value);
  if (answer.kind === "unsatisfiable") {
    zip.abort();
    return new Response(null, init);
  }
  const range = answer.kind === "partial" ? answer : { start: 0, end: zip.sizeBytes - 1 };
  const window = new ByteWindow({ ...range, total: zip.sizeBytes }, () => zip.abort());
  zip.output.on("error", (error) => window.destroy(error));
  window.on("close", () => zip.abort());
  const body = zip.output.pipe(window);
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, init);
}
