/**
 * A provider that should push has gone quiet while the scheduled sync keeps finding new data:
 * pushes are being lost (a dropped subscription, a wrong callback URL), and the data now arrives
 * only as often as we poll. Null while pushes and polling agree.
 */
export function describeSilentPush(params: {
  providerName: string;
  lastPushAt: Date | null;
  connectedAt: Date;
  /** When a scheduled sync last found new rows for this connection. */
  lastScheduledFindAt: Date | undefined;
  intervalMinutes: number;
}): string | null {
  const { lastPushAt, lastScheduledFindAt, intervalMinutes } = params;
  if (!lastScheduledFindAt) return null;
  // Data found within one interval of a push may simply have been announced late.
  const quietSince = lastPushAt ?? params.connectedAt;
  if (lastScheduledFindAt.getTime() - quietSince.getTime() <= intervalMinutes * 60_000) return null;
  const since = lastPushAt
    ? lastPushAt.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })
    : "it was connected";
  const polling = intervalMinutes === 60 ? "hourly" : `every ${intervalMinutes} minutes`;
  return `${params.providerName} has not pushed since ${since}; polling ${polling}.`;
}
