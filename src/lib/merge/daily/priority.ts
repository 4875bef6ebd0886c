import { PUSH_SOURCES } from "@/lib/ingest/push-sources";
import type { SourceRef } from "./types";

// Which source counts first when several measured the same thing. The default follows Apple
// Health's own: a worn device over the phone in the pocket, and a device's own service over
// an aggregator's copy of it. The person's order (Settings -> Sources) comes first.

export type SourceKind = "worn" | "phone" | "aggregator";
const KIND_RANK: Record<SourceKind, number> = { worn: 0, phone: 1, aggregator: 2 };

const isPushSource = (provider: string) => PUSH_SOURCES.some((source) => source.slug === provider);

// Device names as phone apps report them: "Ana's Apple Watch", "Galaxy Watch6", Samsung's
// "SM-R930" watches, "Oura Ring". Checked before the app names below, since a watch beats all.
const WORN = /watch|\bring\b|\bband\b|\bwear|SM-R\d/i;
// Another service's app writing into Apple Health / Health Connect: a copy of data that
// service's own connection delivers first-hand.
const THIRD_PARTY_APP =
  /garmin|oura|whoop|fitbit|polar|coros|suunto|strava|withings|wahoo|zwift|connect|com\.(?!google|apple|sec\.)/i;
const PHONE = /iphone|phone|pixel|galaxy|android|SM-[A-Z]\d|com\.google|com\.sec\./i;

export function sourceKind(source: SourceRef): SourceKind {
  // A provider's own connection is the device's own service (Garmin, Oura, WHOOP …).
  if (!isPushSource(source.provider)) return "worn";
  const name = source.sourceId;
  if (WORN.test(name)) return "worn";
  if (THIRD_PARTY_APP.test(name)) return "aggregator";
  // No source at all is the phone itself (Health Auto Export leaves it out for the iPhone's own rows).
  if (name === "" || PHONE.test(name)) return "phone";
  // Health Connect's totals merged across apps ("health-connect"), or an app we do not know.
  return "aggregator";
}

export const sourceKeyOf = (source: SourceRef) => `${source.provider}\u0000${source.sourceId}`;

/**
 * Sources in the order they count: first the person's order (sources in it that are here),
 * then the rest by kind, then by name so that the order never depends on the query's.
 */
export function orderSources<T extends SourceRef>(sources: T[], personal: SourceRef[] = []): T[] {
  const chosen = new Map(personal.map((source, index) => [sourceKeyOf(source), index]));
  const rank = (source: T) => chosen.get(sourceKeyOf(source)) ?? personal.length + KIND_RANK[sourceKind(source)];
  return [...sources].sort(
    (a, b) => rank(a) - rank(b) || a.provider.localeCompare(b.provider) || a.sourceId.localeCompare(b.sourceId),
  );
}
