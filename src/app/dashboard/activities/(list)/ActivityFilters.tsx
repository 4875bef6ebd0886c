import type { ActivityFilters as Filters } from "@/lib/db/queries/activities";

const field = "rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A plain GET form: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function ActivityFilters({ filters, types, providers }: { filters: Filters; types: string[]; providers: string[] }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Filter activities">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Search
        <input name="q" defaultValue={filters.text} placeholder="Name contains…" className={field} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Type
        <select name="type" defaultValue={filters.type ?? ""} className={field}>
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Source
        <select name="source" defaultValue={filters.provider ?? ""} className={field}>
          <option value="">All sources</option>
          {providers.map((provider) => (
            <option key={provider} value={provider}>
              {provider.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        From
        <input type="date" name="from" defaultValue={filters.from} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        To
        <input type="date" name="to" defaultValue={filters.to} className={field} />
      </label>
      <button className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Apply</button>
    </form>
  );
}
