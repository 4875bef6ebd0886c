"use client";

import { useActionState } from "react";
import type { MetricOrder } from "@/lib/merge/daily/source-order";
import { moveSourceAction, type MoveSourceState } from "./actions";

type Props = { order: MetricOrder & { title: string; labels: string[] } };

const KIND_TEXT = { worn: "worn device", phone: "phone", aggregator: "copy from another app" } as const;

/** One metric's sources, first counted first, each with Move up / Move down. */
export function SourceOrderList({ order }: Props) {
  const [state, action, isPending] = useActionState<MoveSourceState, FormData>(moveSourceAction, null);
  const headingId = `sources-${order.metric}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`source-order-${order.metric}`}
      className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id={headingId} className="font-semibold">
        {order.title}
      </h2>
      <p className="mb-3 text-xs text-zinc-500 dark:text-zinc-400">
        {order.isPersonal ? "Your order." : "The default order: worn devices, then the phone, then copies."}
      </p>
      <ol className="space-y-2" aria-busy={isPending}>
        {order.sources.map((source, index) => {
          const label = order.labels[index]!;
          const move = (direction: "up" | "down", isDisabled: boolean) => (
            <form action={action}>
              <input type="hidden" name="metric" value={order.metric} />
              <input type="hidden" name="provider" value={source.provider} />
              <input type="hidden" name="sourceId" value={source.sourceId} />
              <input type="hidden" name="direction" value={direction} />
              <button
                type="submit"
                disabled={isDisabled || isPending}
                aria-label={`Move ${label} ${direction} in ${order.title}`}
                className="rounded-md border border-zinc-300 px-2 py-1 text-xs disabled:opacity-40 dark:border-zinc-700"
              >
                {direction === "up" ? "↑ Up" : "↓ Down"}
              </button>
            </form>
          );
          return (
            <li
              key={`${source.provider}:${source.sourceId}`}
              data-testid="source-order-item"
              className="flex items-center justify-between gap-3 text-sm"
            >
              <span>
                <span className="mr-2 tabular-nums text-zinc-500">{index + 1}.</span>
                {label} <span className="text-xs text-zinc-500">({KIND_TEXT[source.kind]})</span>
              </span>
              <span className="flex gap-1">
                {move("up", index === 0)}
                {move("down", index === order.sources.length - 1)}
              </span>
            </li>
          );
        })}
      </ol>
      {state && "error" in state ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </section>
  );
}
