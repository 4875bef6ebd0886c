import type { ProviderRoute } from "@/lib/providers/routing";

const MODES: Record<ProviderRoute["mode"], { label: string; title: string; className: string }> = {
  real: {
    label: "Live",
    title: "Requests go to the real provider with the client below.",
    className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  },
  simulator: {
    label: "Simulator",
    title: "PROVIDER_BASE_URL sends every provider request to a simulator.",
    className: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
  sandbox: {
    label: "Sandbox",
    title: "No client is set, so the built-in sandbox plays this provider.",
    className: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
  not_configured: {
    label: "Not configured",
    title: "No client is set and the sandbox is off: nobody can connect this provider yet.",
    className: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  },
};

export function ModePill({ mode }: { mode: ProviderRoute["mode"] }) {
  const style = MODES[mode];
  return (
    <span title={style.title} className={`rounded-full px-2 py-0.5 text-xs font-semibold ${style.className}`}>
      {style.label}
    </span>
  );
}
