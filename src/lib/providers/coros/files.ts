import type { FileReference } from "@/lib/sync/file-reference";
import type { ProviderFiles } from "@/lib/sync/file-types";
import type { CorosWorkout } from "./schemas";

// COROS puts each workout's FIT at a plain URL (fitUrl: https://oss.coros.com/fit/…, a
// triathlon's legs one each), fetched without credentials. The URL arrives in API replies and in
// pushes; only COROS's own hosts are fetched (shared/providers/coros.md A4.2). An S3 fitUrl is
// refused, and said so on the activity.

const isCorosHost = (host: string) => host === "coros.com" || host.endsWith(".coros.com");

/** The FIT of each workout, and of each triathlon leg (key leg-1, leg-2, …), keyed by labelId as transform.ts keys the activity. */
export function corosWorkoutFiles(workouts: readonly CorosWorkout[]): FileReference[] {
  return workouts.flatMap((workout) => [
    ...(workout.fitUrl ? [{ activityExternalId: workout.labelId, format: "fit" as const, url: workout.fitUrl }] : []),
    ...(workout.triathlonItemList ?? []).flatMap((leg, index) =>
      leg.fitUrl
        ? [{ activityExternalId: workout.labelId, key: `leg-${index + 1}`, format: "fit" as const, url: leg.fitUrl }]
        : [],
    ),
  ]);
}

export const corosFiles: ProviderFiles = {
  isAllowedUrl(realUrl) {
    if (!URL.canParse(realUrl)) return false;
    const url = new URL(realUrl);
    return url.protocol === "https:" && isCorosHost(url.hostname) && !url.username && !url.password && !url.port;
  },
  // No token: the URL is the credential, and ours must not travel to a file host.
  download: (context, file) => context.fetchWithoutToken(file.url, { headers: { accept: "*/*" } }),
};
