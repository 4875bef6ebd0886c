import { LoadingPage } from "@/components/loading/LoadingPage";
import { Skeleton } from "@/components/loading/Skeleton";
import { SkeletonCard } from "@/components/loading/SkeletonCard";

export default function WorkoutsLoading() {
  return (
    <LoadingPage>
      <div className="flex flex-col gap-8">
        <div className="flex flex-col gap-4 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
          <Skeleton className="h-5 w-40" />
          <div className="grid gap-3 sm:grid-cols-3">
            <Skeleton className="h-10 rounded-lg" />
            <Skeleton className="h-10 rounded-lg" />
            <Skeleton className="h-10 rounded-lg" />
          </div>
          <Skeleton className="h-24 rounded-xl" />
        </div>
        <SkeletonCard lines={3} />
        <SkeletonCard lines={3} />
      </div>
    </LoadingPage>
  );
}
