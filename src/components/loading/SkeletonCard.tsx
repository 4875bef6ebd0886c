import { Skeleton } from "./Skeleton";

/** A card's outline with a heading bar and `lines` lines of text, the shape of most dashboard cards. */
export function SkeletonCard({
  lines = 3,
  className = "",
  children,
}: {
  lines?: number;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <div
      className={`flex flex-col gap-3 rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900 ${className}`}
    >
      <Skeleton className="h-4 w-32" />
      {children}
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={`h-3 ${i % 3 === 2 ? "w-2/3" : i % 3 === 1 ? "w-5/6" : "w-full"}`} />
      ))}
    </div>
  );
}
