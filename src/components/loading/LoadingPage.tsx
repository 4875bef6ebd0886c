import { Skeleton } from "./Skeleton";

/**
 * A page's shape while its data loads. Screen readers hear "Loading…" once; the blocks
 * themselves are hidden from them. The pulse stops for people who ask for less motion.
 */
export function LoadingPage({ children, hasHeader = true }: { children: React.ReactNode; hasHeader?: boolean }) {
  return (
    <div role="status" aria-busy="true" aria-live="polite" data-testid="page-loading">
      <span className="sr-only">Loading…</span>
      <div aria-hidden="true" className="motion-safe:animate-pulse">
        {hasHeader ? (
          <div className="mb-6 flex flex-col gap-2">
            <Skeleton className="h-8 w-48" />
            <Skeleton className="h-4 w-full max-w-md" />
          </div>
        ) : null}
        {children}
      </div>
    </div>
  );
}
