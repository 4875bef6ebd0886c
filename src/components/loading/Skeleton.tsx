/** A placeholder block; the caller's classes give it the size of what will be there. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div className={`rounded-md bg-zinc-200 dark:bg-zinc-800 ${className}`} />;
}
