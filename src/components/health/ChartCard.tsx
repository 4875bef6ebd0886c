type ChartCardProps = {
  title: string;
  /** What the numbers are: "Weekly averages · ms". */
  subtitle: string;
  testId: string;
  legend?: React.ReactNode;
  /** Spans both columns of the page's grid (the sleep table's seven columns). */
  isWide?: boolean;
  children: React.ReactNode;
};

export function ChartCard({ title, subtitle, testId, legend, isWide, children }: ChartCardProps) {
  return (
    <section
      className={`min-w-0 rounded-2xl ${isWide ? "xl:col-span-2" : ""} border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900`}
      data-testid={testId}
      aria-label={title}
    >
      <header className="mb-3 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 className="font-semibold">{title}</h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{subtitle}</p>
      </header>
      {children}
      {legend ? <div className="mt-1">{legend}</div> : null}
    </section>
  );
}
