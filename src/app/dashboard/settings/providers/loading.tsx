import { LoadingPage } from "@/components/loading/LoadingPage";
import { SkeletonCard } from "@/components/loading/SkeletonCard";

export default function ProviderAppsLoading() {
  return (
    <LoadingPage>
      <div className="grid gap-4 xl:grid-cols-2">
        {Array.from({ length: 4 }, (_, index) => (
          <SkeletonCard key={index} lines={6} />
        ))}
      </div>
    </LoadingPage>
  );
}
