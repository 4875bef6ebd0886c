import { activitySource } from "@/lib/activity/source";
import type { ActivityFilters as Filters } from "@/lib/db/queries/activities";

const field = "rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** A plain GET form: filters live in the URL, so a filtered list can be bookmarked and shared. */
export function ActivityFilters({
  filters,
  types,
  providers,
}: {
  filters: Filters;
  types: string[];
  providers: string[];
}) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-2" aria-label="Filter activities">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Search
        <input name="q" defaultValue={filters.text} placeholder="Name contains…" className={field} />
      </label>
      <FilterSelect
        label="Type"
        name="type"
        value={filters.type}
        allLabel="All types"
        options={types.map((type) => ({ value: type, label: type.replaceAll("_", " ") }))}
      />
      <FilterSelect
        label="Source"
        name="source"
        value={filters.provider}
        allLabel="All sources"
        options={providers.map((provider) => ({ value: provider, label: activitySource(provider, "").name }))}
      />
      <label className="flex flex-col gap-1 text-xs font-medium">
        From
        <input type="date" name="from" defaultValue={filters.from} className={field} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        To
        <input type="date" name="to" defaultValue={filters.to} className={field} />
      </label>
      <button className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}

/** A menu of the values present in the person's data, "all" first. */
function FilterSelect({
  label,
  name,
  value,
  allLabel,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  allLabel: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium">
      {label}
      <select name={name} defaultValue={value ?? ""} className={field}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
