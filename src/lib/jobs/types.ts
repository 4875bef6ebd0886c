// push: write a kept push body (Garmin's push mode) for one connection; the rest sync.
export type SyncKind = "sync" | "backfill" | "webhook" | "push";

export interface LocalRunner {
  /** Look for work now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}
