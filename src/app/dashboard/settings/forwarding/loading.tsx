import { LoadingPage } from "@/components/loading/LoadingPage";
import { SkeletonCard } from "@/components/loading/SkeletonCard";

// Its own shape, or the Connected sources skeleton above it would show source cards here.
export default function ForwardingLoading() {
  return (
    <LoadingPage>
      <div className="flex flex-col gap-8">
        <SkeletonCard lines={3} />
        <SkeletonCard lines={6} />
      </div>
    </LoadingPage>
  );
}
