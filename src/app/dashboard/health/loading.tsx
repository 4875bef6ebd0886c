import { LoadingPage } from "@/components/loading/LoadingPage";
import { Skeleton } from "@/components/loading/Skeleton";
import { SkeletonCard } from "@/components/loading/SkeletonCard";

const CHARTS = 4;

// Range controls, then chart cards.
export default function HealthLoading() {
  return (
    <LoadingPage>
      <div className="mb-6 flex flex-wrap items-end gap-3">
        <Skeleton className="h-9 w-56 rounded-lg" />
        <Skeleton className="h-9 w-64 max-w-full rounded-lg" />
        <Skeleton className="h-9 w-36 rounded-lg" />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {Array.from({ length: CHARTS }, (_, i) => (
          <SkeletonCard key={i} lines={0}>
            <Skeleton className="h-3 w-40" />
            <Skeleton className="h-48 w-full" />
          </SkeletonCard>
        ))}
      </div>
    </LoadingPage>
  );
}
