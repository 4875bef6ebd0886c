// Display helpers. Values arrive in SI units (ARCHITECTURE.md); conversion happens only here.
export type UnitSystem = "metric" | "imperial";

export function formatDistance(meters: number | null, units: UnitSystem): string {
  if (meters == null) return "—";
  return units === "imperial" ? `${(meters / 1609.344).toFixed(2)} mi` : `${(meters / 1000).toFixed(2)} km`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds == null) return "—";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
}
