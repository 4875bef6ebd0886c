import Link from "next/link";

/** A chart with nothing to draw: says which sources would fill it, or that the range is empty. */
export function ChartEmpty({ children, showConnect }: { children: React.ReactNode; showConnect: boolean }) {
  return (
    <div
      className="flex min-h-40 flex-col items-center justify-center gap-2 rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
      data-empty=""
    >
      <p className="max-w-sm">{children}</p>
      {showConnect ? (
        <Link href="/dashboard/settings" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
          Connect a source
        </Link>
      ) : null}
    </div>
  );
}
