import { LoadingPage } from "@/components/loading/LoadingPage";
import { Skeleton } from "@/components/loading/Skeleton";
import { SkeletonCard } from "@/components/loading/SkeletonCard";

// Its own shape, or the Connected sources skeleton above it would show source cards here.
export default function ApiKeysLoading() {
  return (
    <LoadingPage>
      <div className="flex flex-col gap-8">
        <div className="flex flex-col gap-4 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex flex-wrap items-end gap-2">
            <Skeleton className="h-10 w-64 max-w-full rounded-lg" />
            <Skeleton className="h-10 w-28 rounded-lg" />
          </div>
          <Skeleton className="h-3 w-full" />
          <Skeleton className="h-3 w-2/3" />
        </div>
        <SkeletonCard lines={4} />
      </div>
    </LoadingPage>
  );
}
