export type SyncKind = "sync" | "backfill" | "webhook";

export interface LocalRunner {
  /** Look for work now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}
