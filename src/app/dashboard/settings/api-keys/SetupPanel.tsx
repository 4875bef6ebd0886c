import { CopyButton } from "@/components/CopyButton";
import { PUSH_SOURCES } from "@/lib/ingest/push-sources";

/** How to point each phone app at this QT.run. */
export function SetupPanel({ ingestUrl }: { ingestUrl: string }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {PUSH_SOURCES.map((source) => (
        <section
          key={source.slug}
          aria-labelledby={`setup-${source.slug}`}
          className="min-w-0 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h3 id={`setup-${source.slug}`} className="font-semibold">
            {source.name} <span className="font-normal text-zinc-500">with {source.app}</span>
          </h3>
          <ol className="mt-3 list-decimal space-y-1 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
            {source.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <dl className="mt-4 flex flex-col gap-2 text-sm">
            <div className="flex items-center gap-2">
              <dt className="w-16 shrink-0 text-zinc-500">URL</dt>
              <dd className="flex min-w-0 flex-1 items-center gap-2">
                <code className="min-w-0 flex-1 truncate rounded bg-zinc-100 px-2 py-1 dark:bg-zinc-800">
                  {ingestUrl}
                </code>
                <CopyButton value={ingestUrl} />
              </dd>
            </div>
            <div className="flex items-center gap-2">
              <dt className="w-16 shrink-0 text-zinc-500">Header</dt>
              <dd className="flex min-w-0 flex-1 items-center gap-2">
                <code className="min-w-0 flex-1 truncate rounded bg-zinc-100 px-2 py-1 dark:bg-zinc-800">
                  X-API-Key: qt_…
                </code>
                <CopyButton value="X-API-Key" label="Copy name" />
              </dd>
            </div>
          </dl>
        </section>
      ))}
    </div>
  );
}
