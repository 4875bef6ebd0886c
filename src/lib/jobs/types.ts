// push: write a kept push body (Garmin's push mode) for one connection; weight: walk a
// provider's weigh-in history over a range (lib/weight/sync-weight.ts); forward: run the
// forwarding rules of a source account (lib/forwarding/run-forward-job.ts); remerge: merge a
// person's sample-made days again after a time-zone change, no connection
// (lib/merge/daily/run-remerge-job.ts); the rest sync.
export type SyncKind = "sync" | "backfill" | "webhook" | "push" | "weight" | "forward" | "remerge";

export interface LocalRunner {
  /** Look for work now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}
