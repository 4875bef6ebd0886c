import Link from "next/link";

type EmptyStateProps = {
  title: string;
  children: React.ReactNode;
  action?: { href: string; label: string };
  icon?: React.ReactNode;
};

export function EmptyState({ title, children, action, icon }: EmptyStateProps) {
  return (
    <section className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700">
      {icon ? (
        <div className="text-zinc-400" aria-hidden>
          {icon}
        </div>
      ) : null}
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="max-w-md text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
      {action ? (
        <Link
          href={action.href}
          className="mt-2 rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {action.label}
        </Link>
      ) : null}
    </section>
  );
}
