import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { FileStore } from "../store";
import type { ExportPlan, PlannedFile } from "./plan";

// Every entry is stored, not deflated: each size is then known before the first byte (the
// response states its length, a Range gets an exact Content-Range), and the bytes never depend
// on the zlib version. FIT, the bulk of an export, is compact binary that deflate barely shrinks.
const ENTRY_OPTIONS = { compress: false, mode: 0o100644 } as const;

export interface ExportZip {
  /** The zip's exact length in bytes. */
  sizeBytes: number;
  output: Readable;
  /** Stops producing (the client left, or the range is served) and releases what is open. */
  abort(error?: Error): void;
}

async function openEntry(store: FileStore, plan: ExportPlan, file: PlannedFile): Promise<Readable> {
  return file.spooledAt ? createReadStream(file.spooledAt) : store.read(plan.userId, file.sha256);
}

/**
 * The export's zip, produced entry by entry as the reader asks for bytes: the README and the
 * manifests, the tables' CSVs of a full-account zip, then one file at a time (read from the
 * store, or from the spool the plan built it into), never
 * more than the stream's buffers in memory. Entries are added lazily, so nothing is opened
 * or built before the reader gets there, and pipes carry the reader's back-pressure to the source.
 */
export function createExportZip(store: FileStore, plan: ExportPlan): ExportZip {
  const zip = new ZipFile();
  const output = zip.outputStream as unknown as Readable;
  let current: Readable | undefined;
  let isAborted = false;
  const abort = (error?: Error) => {
    if (isAborted) return;
    isAborted = true;
    current?.destroy();
    output.destroy(error);
  };
  zip.on("error", (error: Error) => abort(error));
  // Ended, failed or abandoned: the spooled files are no longer needed.
  output.once("close", () => void plan.spool.dispose());

  const fixedTime = { ...ENTRY_OPTIONS, mtime: plan.manifestMtime };
  if (plan.data) zip.addBuffer(plan.data.readme, "README.txt", fixedTime);
  zip.addBuffer(plan.manifestCsv, "manifest.csv", fixedTime);
  zip.addBuffer(plan.manifestJson, "manifest.json", fixedTime);
  const entries: Array<{ path: string; sizeBytes: number; mtime: Date; open: () => Promise<Readable> }> = [
    ...(plan.data?.files ?? []).map((file) => ({
      ...file,
      mtime: plan.manifestMtime,
      open: async () => createReadStream(file.spooledAt),
    })),
    ...plan.files.map((file) => ({ ...file, open: () => openEntry(store, plan, file) })),
  ];
  for (const file of entries) {
    zip.addReadStreamLazy(
      file.path,
      { ...ENTRY_OPTIONS, mtime: file.mtime, size: file.sizeBytes },
      (callback: (error: Error | null, stream: NodeJS.ReadableStream) => void) => {
        if (isAborted) return;
        file.open().then(
          (stream) => {
            current = stream;
            // pipe() does not forward a source's error; without this the zip would wait forever.
            stream.once("error", (error) => abort(error));
            callback(null, stream);
          },
          (error: Error) => abort(error),
        );
      },
    );
  }
  let sizeBytes = -1;
  // @types/yazl leaves out the callback's argument, the total yazl passes it.
  const end = zip.end.bind(zip) as (options: { forceZip64Format: boolean }, onTotal: (total: number) => void) => void;
  // Always the ZIP64 end records (76 bytes more): yazl 3.3.1 predicts them once the central
  // directory passes 64 KB (~800 entries) but writes them only past 4 GB, so its total would be
  // 76 bytes off for most real exports. Forced, prediction and output agree, and every current
  // unzipper (Info-ZIP, macOS, Windows, Python) reads ZIP64.
  end({ forceZip64Format: true }, (total) => {
    sizeBytes = total;
  });
  // Stored entries of announced sizes: yazl knows the total as soon as end() is called.
  if (sizeBytes < 0) {
    abort();
    throw new Error("The export's size could not be worked out in advance.");
  }
  return { sizeBytes, output, abort };
}
