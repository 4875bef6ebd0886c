import type { OriginalFileFetch } from "@/lib/db/schema";

type Fetch = Pick<OriginalFileFetch, "id" | "state" | "format" | "message">;

function describe(fetch: Fetch, sourceName: string): string {
  const file = `${sourceName}'s original ${fetch.format.toUpperCase()}`;
  if (fetch.state === "pending")
    return `${file} is on its way: the next sync fetches it.${fetch.message ? ` Last try: ${fetch.message}` : ""}`;
  return fetch.message ?? `${file} could not be had.`;
}

/**
 * Why an activity's original file is not here (yet): on its way, waiting for the provider's
 * next notification, or not to be had, in the provider's own terms. Nothing once it is stored.
 */
export function OriginalFileStatus({ fetches, sourceName }: { fetches: readonly Fetch[]; sourceName: string }) {
  const missing = fetches.filter((fetch) => fetch.state !== "stored");
  if (missing.length === 0) return null;
  return (
    <section aria-labelledby="original-file-heading" data-testid="original-file-status">
      <h2 id="original-file-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        Original file
      </h2>
      <ul className="flex flex-col gap-2">
        {missing.map((fetch) => (
          <li
            key={fetch.id}
            className="rounded-2xl border border-dashed border-zinc-300 px-4 py-3 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
          >
            {describe(fetch, sourceName)}
          </li>
        ))}
      </ul>
    </section>
  );
}
