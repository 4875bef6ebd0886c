"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { formatFileSize } from "@/lib/files/format-size";
import { fileTooLargeMessage, summarizeUploads, uploadSummaryText } from "@/lib/files/upload/summary";
import type { FileUploadResult, UploadReply } from "@/lib/files/upload/types";

// A few at a time: each file shows its own progress, and a dropped folder of 300 files does not
// open 300 connections at once.
const PARALLEL_UPLOADS = 3;

type Item = {
  key: number;
  name: string;
  sizeBytes: number;
  /** Sent fraction while uploading; 1 once the server is reading it. */
  progress: number;
  result: FileUploadResult | null;
};

const failed = (fileName: string, message: string, status = 0): FileUploadResult => ({
  fileName,
  status: "failed",
  error: { code: "UPLOAD_FAILED", status, message },
});

/** One file, one request: XMLHttpRequest, because fetch cannot report upload progress. */
function sendFile(file: File, onProgress: (fraction: number) => void): Promise<FileUploadResult> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/files");
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => onProgress(1);
    request.onload = () => {
      const reply = request.response as (Partial<UploadReply> & { error?: { message?: string } }) | null;
      const result = reply?.files?.[0];
      if (request.status === 200 && result) resolve(result);
      else
        resolve(failed(file.name, reply?.error?.message ?? `The server answered ${request.status}.`, request.status));
    };
    request.onerror = () =>
      resolve(failed(file.name, "The upload did not reach the server. Check the connection and try again."));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}

/**
 * The Activities page's drop zone: FIT, GPX and TCX files dropped or chosen, each uploaded on
 * its own with a progress bar and then its outcome, a summary once all are done, and the list
 * refreshed so new activities appear.
 */
export function UploadFiles({ maxFileBytes }: { maxFileBytes: number }) {
  const router = useRouter();
  const [items, setItems] = useState<Item[]>([]);
  const [isDragging, setIsDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(0);
  const queue = useRef<Array<{ key: number; file: File }>>([]);
  const active = useRef(0);
  // dragenter/dragleave fire for every child the pointer crosses; count them to know when it left.
  const dragDepth = useRef(0);

  const update = useCallback((key: number, change: Partial<Item>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  // Up to PARALLEL_UPLOADS workers, each taking the next queued file until none is left; the
  // last one to finish refreshes the list.
  const startUploads = useCallback(() => {
    const work = async () => {
      for (let next = queue.current.shift(); next; next = queue.current.shift()) {
        const { key, file } = next;
        const result = await sendFile(file, (progress) => update(key, { progress }));
        update(key, { progress: 1, result });
      }
    };
    while (active.current < PARALLEL_UPLOADS && queue.current.length > 0) {
      active.current += 1;
      void work().then(() => {
        active.current -= 1;
        if (active.current === 0) router.refresh();
      });
    }
  }, [router, update]);

  const addFiles = useCallback(
    (files: FileList | null) => {
      if (!files || files.length === 0) return;
      const added: Item[] = [];
      for (const file of Array.from(files)) {
        const key = nextKey.current++;
        // Refused here rather than after sending it all: the server would refuse it the same way.
        const tooLarge =
          file.size > maxFileBytes ? failed(file.name, fileTooLargeMessage(file.name, maxFileBytes), 413) : null;
        added.push({ key, name: file.name, sizeBytes: file.size, progress: 0, result: tooLarge });
        if (!tooLarge) queue.current.push({ key, file });
      }
      setItems((current) => [...current, ...added]);
      startUploads();
    },
    [maxFileBytes, startUploads],
  );

  const pending = items.filter((item) => !item.result).length;
  const finished = items.flatMap((item) => (item.result ? [item.result] : []));
  const status =
    pending > 0
      ? `Uploading ${pending} ${pending === 1 ? "file" : "files"}…`
      : finished.length > 0
        ? `Done: ${uploadSummaryText(summarizeUploads(finished))}.`
        : "";

  return (
    <section aria-labelledby="upload-files-heading" className="mb-6">
      <div
        onDragEnter={(event) => {
          event.preventDefault();
          dragDepth.current += 1;
          setIsDragging(true);
        }}
        onDragOver={(event) => event.preventDefault()}
        onDragLeave={() => {
          dragDepth.current = Math.max(0, dragDepth.current - 1);
          if (dragDepth.current === 0) setIsDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          dragDepth.current = 0;
          setIsDragging(false);
          addFiles(event.dataTransfer.files);
        }}
        data-testid="upload-drop-zone"
        className={`flex flex-wrap items-center justify-between gap-3 rounded-2xl border-2 border-dashed px-4 py-4 transition-colors ${
          isDragging
            ? "border-brand-500 bg-brand-50 dark:bg-zinc-800"
            : "border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900"
        }`}
      >
        <div className="min-w-0">
          <h2 id="upload-files-heading" className="text-sm font-semibold">
            Upload activity files
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            Drop FIT, GPX or TCX files here (up to {formatFileSize(maxFileBytes)} each, .gz too). A workout you already
            have is linked, not added twice.
          </p>
        </div>
        <button
          type="button"
          onClick={() => input.current?.click()}
          className="shrink-0 rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          Choose files
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".fit,.gpx,.tcx,.gz"
          aria-label="Activity files"
          tabIndex={-1}
          className="sr-only"
          onChange={(event) => {
            addFiles(event.target.files);
            event.target.value = "";
          }}
        />
      </div>

      {items.length > 0 ? (
        <ul aria-label="Uploads" className="mt-3 space-y-2">
          {items.map((item) => (
            <UploadRow key={item.key} item={item} />
          ))}
        </ul>
      ) : null}

      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <p role="status" aria-live="polite" className="font-medium" data-testid="upload-summary">
          {status}
        </p>
        {pending === 0 && items.length > 0 ? (
          <button
            type="button"
            onClick={() => setItems([])}
            className="rounded-lg px-2.5 py-1 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            Clear list
          </button>
        ) : null}
      </div>
    </section>
  );
}

function UploadRow({ item }: { item: Item }) {
  const percent = Math.round(item.progress * 100);
  return (
    <li className="rounded-xl border border-zinc-200 bg-white px-4 py-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex items-baseline justify-between gap-3">
        <span className="min-w-0 truncate font-medium">{item.name}</span>
        <span className="shrink-0 text-xs text-zinc-500 tabular-nums">{formatFileSize(item.sizeBytes)}</span>
      </div>
      {item.result ? (
        <UploadOutcome result={item.result} />
      ) : (
        <div className="mt-2 flex items-center gap-3">
          <div
            role="progressbar"
            aria-label={`Upload of ${item.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
          >
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <span className="shrink-0 text-xs text-zinc-500 tabular-nums">
            {percent < 100 ? `${percent}%` : "Reading…"}
          </span>
        </div>
      )}
    </li>
  );
}

function UploadOutcome({ result }: { result: FileUploadResult }) {
  if (result.status === "failed") return <p className="mt-1 text-red-700 dark:text-red-400">{result.error.message}</p>;
  const { activity } = result;
  const link = (
    <Link
      href={`/dashboard/activities/${activity.id}`}
      className="font-medium text-brand-700 hover:underline dark:text-brand-500"
    >
      {activity.name ?? "Untitled"}
    </Link>
  );
  return (
    <div className="mt-1 text-zinc-700 dark:text-zinc-300">
      {result.status === "created" ? <p>New activity: {link}</p> : null}
      {result.status === "duplicate" ? (
        <p>
          Duplicate of {link} from {activity.source}; the file is kept with it.
        </p>
      ) : null}
      {result.status === "already_uploaded" ? <p>Already uploaded: {link}</p> : null}
      {result.warnings.length > 0 ? (
        <p className="mt-1 text-amber-700 dark:text-amber-400">Read in part: {result.warnings.join(" ")}</p>
      ) : null}
    </div>
  );
}
