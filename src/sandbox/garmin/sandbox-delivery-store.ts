import type { SandboxState } from "@/sandbox/state";
import type { GarminSummaryType } from "./sandbox-summaries";

// What Garmin's delivery side remembers, in a module of its own: the backfill routes and the
// pull routes both write to it, and neither should import the other.

export interface GarminBackfillRequest {
  account: string;
  summaryType: GarminSummaryType;
  start: number;
  end: number;
}

/** Keyed by SandboxState, so a reset forgets it. */
export interface GarminDeliveryStore {
  /** Every backfill Garmin accepted (202), in the order asked. */
  backfills: GarminBackfillRequest[];
  /** Every ping callbackURL the app fetched, exactly as it asked for it. */
  callbacksFetched: string[];
  /** Every activity file callbackURL served (each works once). */
  activityFilesFetched: string[];
}

const stores = new WeakMap<SandboxState, GarminDeliveryStore>();

export function garminDeliveryStore(state: SandboxState): GarminDeliveryStore {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = { backfills: [], callbacksFetched: [], activityFilesFetched: [] }));
  return store;
}
