import type { ProviderConnection } from "@/lib/db/schema";

const STYLES: Record<ProviderConnection["status"], { label: string; className: string }> = {
  active: {
    label: "Connected",
    className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  },
  syncing: { label: "Syncing", className: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300" },
  needs_reauth: {
    label: "Needs reconnect",
    className: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
  revoked: { label: "Revoked", className: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
  error: { label: "Error", className: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" },
};

export function StatusPill({ status }: { status: ProviderConnection["status"] }) {
  const style = STYLES[status];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${style.className}`}>{style.label}</span>;
}
