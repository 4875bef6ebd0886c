import type { ProjectedRoute } from "@/lib/geo/project";

/**
 * The route as an SVG line on a plain panel: no map tiles, so it renders offline and sends
 * nothing about where the person ran to a tile server.
 */
export function RouteMap({ route, name }: { route: ProjectedRoute | null; name: string }) {
  if (!route || route.points.length === 0) {
    return (
      <div
        className="flex h-40 items-center justify-center rounded-2xl border border-dashed border-zinc-300 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
        data-testid="route-empty"
      >
        No GPS route for this activity
      </div>
    );
  }
  const { points, width, height } = route;
  const d = points.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x} ${y}`).join("");
  const [startX, startY] = points[0]!;
  const [endX, endY] = points[points.length - 1]!;
  const marker = Math.max(width, height) / 70;
  return (
    <figure className="rounded-2xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="mx-auto block h-auto max-h-[28rem] w-full rounded-xl bg-zinc-100 dark:bg-zinc-800/60"
        role="img"
        aria-labelledby="route-title"
        data-testid="route-map"
      >
        <title id="route-title">{`Route of ${name}, north up`}</title>
        <path
          d={d}
          fill="none"
          strokeWidth={4}
          strokeLinecap="round"
          strokeLinejoin="round"
          vectorEffect="non-scaling-stroke"
          className="stroke-brand-600 dark:stroke-brand-500"
          data-testid="route-path"
        />
        {/* The finish is a ring drawn under the start dot, so a loop that ends where it began shows both. */}
        <circle
          cx={endX}
          cy={endY}
          r={marker * 1.5}
          strokeWidth={3}
          vectorEffect="non-scaling-stroke"
          className="fill-white stroke-rose-500 dark:fill-zinc-900"
          data-testid="route-end"
        />
        <circle
          cx={startX}
          cy={startY}
          r={marker * 0.8}
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
          className="fill-emerald-500 stroke-white dark:stroke-zinc-900"
          data-testid="route-start"
        />
      </svg>
      <figcaption className="mt-2 flex gap-4 px-1 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-full bg-emerald-500" aria-hidden /> Start
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-full border-2 border-rose-500 bg-white dark:bg-zinc-900" aria-hidden /> Finish
        </span>
      </figcaption>
    </figure>
  );
}
