import Link from "next/link";
import { healthHref, sourceViewOf, type HealthQuery, type ResolvedRange } from "./health-query";

const PRESETS = [
  { range: "30d", label: "30 days" },
  { range: "1y", label: "1 year" },
  { range: "all", label: "All" },
] as const;

const segment =
  "rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-200/60 aria-[current=page]:bg-white aria-[current=page]:text-brand-700 aria-[current=page]:shadow-sm dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-700 dark:aria-[current=page]:text-white";
const group = "inline-flex gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-900";
const field = "rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Range and view live in the URL: plain links and a GET form, no client JavaScript. */
export function HealthControls({ query, range }: { query: HealthQuery; range: ResolvedRange }) {
  return (
    <div className="mb-6 flex flex-wrap items-end gap-x-6 gap-y-3">
      <nav aria-label="Range" className={group}>
        {PRESETS.map((preset) => (
          <Link
            key={preset.range}
            href={healthHref(query, { range: preset.range })}
            aria-current={query.range === preset.range ? "page" : undefined}
            className={segment}
          >
            {preset.label}
          </Link>
        ))}
      </nav>
      <form
        method="get"
        action="/dashboard/health"
        aria-label="Custom range"
        className="flex flex-wrap items-end gap-2"
      >
        <input type="hidden" name="range" value="custom" />
        {query.view === "table" ? <input type="hidden" name="view" value="table" /> : null}
        {query.sources === "each" ? <input type="hidden" name="sources" value="each" /> : null}
        <label className="flex flex-col gap-1 text-xs font-medium">
          From
          <input type="date" name="from" required defaultValue={range.start} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          To
          <input type="date" name="to" required defaultValue={range.end} className={field} />
        </label>
        <button
          className={`rounded-lg px-3 py-1.5 text-sm font-medium ${query.range === "custom" ? "bg-brand-600 text-white hover:bg-brand-700" : "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"}`}
        >
          Show range
        </button>
      </form>
      <nav aria-label="Sources" className={`${group} sm:ml-auto`}>
        <Link
          href={healthHref(query, { sources: "merged" })}
          aria-current={sourceViewOf(query) === "merged" ? "page" : undefined}
          className={segment}
        >
          One history
        </Link>
        <Link
          href={healthHref(query, { sources: "each" })}
          aria-current={sourceViewOf(query) === "each" ? "page" : undefined}
          className={segment}
        >
          Each source
        </Link>
      </nav>
      <nav aria-label="View" className={group}>
        <Link
          href={healthHref(query, { view: "chart" })}
          aria-current={query.view === "chart" ? "page" : undefined}
          className={segment}
        >
          Charts
        </Link>
        <Link
          href={healthHref(query, { view: "table" })}
          aria-current={query.view === "table" ? "page" : undefined}
          className={segment}
        >
          Tables
        </Link>
      </nav>
    </div>
  );
}
