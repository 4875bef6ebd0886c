const field = "rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/**
 * "Export files": a plain GET form to the export route, so the browser downloads the zip
 * itself (and can resume it). Empty dates mean everything. The second button submits the same
 * dates with include=data: the full-account zip, every table as CSV beside the files.
 */
export function ExportFilesForm() {
  return (
    <details className="group relative" data-testid="export-files">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden">
        Export files
        <span aria-hidden className="text-xs text-zinc-500 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <form
        method="get"
        action="/api/files/export"
        aria-label="Export activity files"
        className="absolute left-0 z-10 mt-2 flex w-72 sm:right-0 sm:left-auto flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex gap-2">
          <label className="flex flex-1 flex-col gap-1 text-xs font-medium">
            From
            <input type="date" name="from" className={field} />
          </label>
          <label className="flex flex-1 flex-col gap-1 text-xs font-medium">
            To
            <input type="date" name="to" className={field} />
          </label>
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Leave the dates empty for everything. A zip with one file per activity (the original where one is kept, else a
          generated FIT) and a manifest in CSV and JSON.
        </p>
        <button className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Download zip
        </button>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Everything adds your daily metrics, sleep, samples, weigh-ins, activities and connected accounts for the same
          dates, one CSV each, with a README.txt saying what each file holds.
        </p>
        <button
          name="include"
          value="data"
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Download everything (zip)
        </button>
      </form>
    </details>
  );
}
