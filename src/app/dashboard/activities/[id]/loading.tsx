import { LoadingPage } from "@/components/loading/LoadingPage";
import { Skeleton } from "@/components/loading/Skeleton";

const STATS = 10;

// Heading with back link, date and chips; stats; route; charts.
export default function ActivityLoading() {
  return (
    <LoadingPage hasHeader={false}>
      <div className="mb-6 flex flex-col gap-2">
        <Skeleton className="h-4 w-28" />
        <Skeleton className="mt-1 h-8 w-64 max-w-full" />
        <Skeleton className="h-4 w-72 max-w-full" />
        <div className="mt-2 flex gap-2">
          <Skeleton className="h-7 w-24 rounded-full" />
          <Skeleton className="h-7 w-36 rounded-full" />
        </div>
      </div>
      <div className="flex flex-col gap-6">
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {Array.from({ length: STATS }, (_, i) => (
            <div
              key={i}
              className="flex flex-col gap-2 rounded-xl border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <Skeleton className="h-3 w-16" />
              <Skeleton className="h-5 w-20" />
            </div>
          ))}
        </div>
        <Skeleton className="aspect-[16/9] w-full rounded-2xl sm:aspect-[2/1]" />
        <Skeleton className="h-56 w-full rounded-2xl" />
      </div>
    </LoadingPage>
  );
}
