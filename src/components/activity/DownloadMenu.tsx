import type { DownloadOption } from "@/lib/files/download/download-options";

/**
 * "Download" with the activity's files: kept originals first, then the FIT (and GPX, when there
 * is a route) built from the stored data, labelled as generated. A <details> menu: no script.
 */
export function DownloadMenu({ options }: { options: DownloadOption[] }) {
  const hasOriginal = options.some((option) => !option.generated);
  return (
    <details className="group relative" data-testid="download-menu">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden">
        Download
        <span aria-hidden className="text-xs text-zinc-500 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="absolute left-0 z-10 mt-2 w-64 rounded-xl border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
        <ul className="flex flex-col">
          {options.map((option) => (
            <li key={option.key}>
              <a
                href={option.href}
                download
                className="flex items-baseline justify-between gap-3 rounded-lg px-3 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
              >
                <span className="font-medium">{option.label}</span>
                {option.source ? (
                  <span className="text-xs text-zinc-500 capitalize">{option.source.replaceAll("_", " ")}</span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
        <p className="border-t border-zinc-100 px-3 pt-2 pb-1 text-xs text-zinc-500 dark:border-zinc-800">
          {hasOriginal
            ? "The original is the file the device recorded."
            : "No original file is kept for this activity; generated files are built from its summary and streams."}
        </p>
      </div>
    </details>
  );
}
