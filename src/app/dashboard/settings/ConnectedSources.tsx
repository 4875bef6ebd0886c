import { EmptyState } from "@/components/EmptyState";

export function ConnectedSources() {
  return (
    <EmptyState title="No sources connected">
      Provider connections (Strava, Garmin, Oura, WHOOP, Fitbit, Polar, COROS) are being built. Until then, nothing is
      collected.
    </EmptyState>
  );
}
