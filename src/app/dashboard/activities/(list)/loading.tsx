import { LoadingPage } from "@/components/loading/LoadingPage";
import { Skeleton } from "@/components/loading/Skeleton";

const ROWS = 8;

// The upload drop zone, the filter bar, then the table.
export default function ActivitiesLoading() {
  return (
    <LoadingPage>
      <Skeleton className="mb-6 h-20 w-full rounded-2xl" />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <Skeleton className="h-9 w-full max-w-xs" />
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-9 w-16" />
      </div>
      <div className="overflow-hidden rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <Skeleton className="h-4 w-1/2" />
        </div>
        {Array.from({ length: ROWS }, (_, i) => (
          <div
            key={i}
            className="flex items-center gap-4 border-b border-zinc-100 px-4 py-3 last:border-0 dark:border-zinc-800"
          >
            <Skeleton className="h-4 w-20 shrink-0" />
            <Skeleton className={`h-4 ${i % 2 ? "w-40" : "w-56"} min-w-0`} />
            <Skeleton className="ml-auto h-4 w-16 shrink-0" />
            <Skeleton className="hidden h-4 w-14 shrink-0 sm:block" />
          </div>
        ))}
      </div>
    </LoadingPage>
  );
}
