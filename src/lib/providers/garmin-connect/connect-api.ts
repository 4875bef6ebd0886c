import { garminHosts, type GarminRegion } from "./regions";

/** A Connect API URL on the region's own host. */
export function connectApiUrl(region: GarminRegion, path: string, query?: Record<string, string | number>): string {
  const url = new URL(`https://${garminHosts(region).connectApi}${path}`);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, String(value));
  return url.toString();
}

/** What the Connect mobile app sends with its API calls (python-garminconnect's native headers). */
export const CONNECT_API_HEADERS: Record<string, string> = {
  "user-agent": "GCM-Android-5.23",
  "x-garmin-client-platform": "Android",
  "x-app-ver": "10861",
  "x-lang": "en",
  "accept-language": "en-US,en;q=0.9",
};
