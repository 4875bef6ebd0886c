// Spaces requests evenly within a per-minute budget. Shared by every sync in this process
// for the same key, so two jobs of one connection cannot double the rate.
const nextSlot = new Map<string, number>();

export function createPacer(key: string, requestsPerMinute: number, sleep: (ms: number) => Promise<void>) {
  const intervalMs = 60_000 / Math.max(1, requestsPerMinute);
  return {
    /**
     * Waits for this request's slot. A slot further off than maxWaitMs is not taken: its time
     * is returned instead, for the caller to give up its worker until then.
     */
    async take(maxWaitMs = Infinity): Promise<Date | undefined> {
      const now = Date.now();
      const slot = Math.max(now, nextSlot.get(key) ?? 0);
      if (slot - now > maxWaitMs) return new Date(slot);
      nextSlot.set(key, slot + intervalMs);
      if (slot > now) await sleep(slot - now);
      return undefined;
    },
  };
}
