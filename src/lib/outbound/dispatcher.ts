import type { Database } from "@/lib/db/client";
import { deliverDueWebhooks } from "./deliver";

const IDLE_POLL_MS = 2_000;

/**
 * The local runner's webhook loop: a pass after another while deliveries are due, a short
 * sleep when none are. It runs beside the sync workers, never on them, so a receiver that takes
 * its full timeout delays only other deliveries.
 */
export function startWebhookDispatcher(db: Database): { stop(): Promise<void> } {
  let isStopped = false;
  let wakeIdle: (() => void) | undefined;
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, IDLE_POLL_MS);
      wakeIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!isStopped) {
      const attempted = await deliverDueWebhooks(db).catch((error: unknown) => {
        console.error("[webhooks] a delivery pass failed", error);
        return 0;
      });
      if (!attempted) await idle();
    }
  })();

  return {
    async stop() {
      isStopped = true;
      wakeIdle?.();
      await loop;
    },
  };
}
