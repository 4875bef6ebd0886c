import type { CopyOrigin } from "../base-types";

// Garmin Connect's auto-upload sets external_id to "garmin_push_<Garmin activity id>" (older
// uploads "garmin_ping_…"); our forwarding sends "qt-<our activity id>" (forwarding/execute.ts).
const GARMIN_UPLOAD = /^garmin_(?:push|ping)_(\d+)$/;
const FORWARDED = /^qt-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** What a Strava activity's `external_id` names, when it names an upload we can know. */
export function stravaCopyOrigin(raw: unknown): CopyOrigin | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const externalId = (raw as { external_id?: unknown }).external_id;
  if (typeof externalId !== "string") return undefined;
  const garmin = GARMIN_UPLOAD.exec(externalId);
  if (garmin) return { kind: "source_activity", provider: "garmin", externalId: garmin[1]! };
  const forwarded = FORWARDED.exec(externalId);
  if (forwarded) return { kind: "forwarded", activityId: forwarded[1]!.toLowerCase() };
  return undefined;
}
