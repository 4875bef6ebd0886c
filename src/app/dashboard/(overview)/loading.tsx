import { LoadingPage } from "@/components/loading/LoadingPage";
import { Skeleton } from "@/components/loading/Skeleton";
import { SkeletonCard } from "@/components/loading/SkeletonCard";

// Overview: this week, last night, scores and recent activities.
export default function OverviewLoading() {
  return (
    <LoadingPage>
      <div className="grid gap-4 lg:grid-cols-2">
        <SkeletonCard lines={3}>
          <div className="grid grid-cols-3 gap-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10" />
            ))}
          </div>
        </SkeletonCard>
        <SkeletonCard lines={1}>
          <Skeleton className="h-7 w-40" />
          <Skeleton className="h-3 w-full rounded-full" />
        </SkeletonCard>
        <SkeletonCard lines={2} />
        <SkeletonCard lines={5} />
      </div>
    </LoadingPage>
  );
}
