import { LoadingPage } from "@/components/loading/LoadingPage";
import { Skeleton } from "@/components/loading/Skeleton";

const SOURCES = 6;

// One card per source: logo, name, a line of text and a button.
export default function SettingsLoading() {
  return (
    <LoadingPage>
      <div className="grid gap-4 lg:grid-cols-2">
        {Array.from({ length: SOURCES }, (_, i) => (
          <div
            key={i}
            className="flex flex-col gap-4 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <div className="flex items-start gap-3">
              <Skeleton className="size-10 shrink-0 rounded-xl" />
              <div className="flex min-w-0 flex-1 flex-col gap-2">
                <Skeleton className="h-4 w-28" />
                <Skeleton className="h-3 w-full" />
                <Skeleton className="h-3 w-3/4" />
              </div>
            </div>
            <Skeleton className="h-9 w-36 rounded-lg" />
          </div>
        ))}
      </div>
    </LoadingPage>
  );
}
