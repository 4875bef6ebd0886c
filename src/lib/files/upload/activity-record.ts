import { trackPolyline } from "@/lib/geo/track-polyline";
import type { ActivityRecord } from "@/lib/sync/records";
import type { ParsedActivityFile } from "../types";

const MAX_NAME_LENGTH = 200;

/**
 * An uploaded file's activity row. Its external id is the file's SHA-256, so the same file
 * uploaded again finds its row instead of making a second one. Only the summary goes into the
 * row: the points stay in the kept file, and `raw` says where to find it.
 */
export function activityRecordFromFile(
  parsed: ParsedActivityFile,
  file: { sha256: string; fileName: string | null },
): ActivityRecord {
  return {
    externalId: file.sha256,
    type: parsed.type,
    providerType: parsed.providerType,
    name: parsed.name?.trim().slice(0, MAX_NAME_LENGTH) || nameFromFileName(file.fileName),
    startAt: parsed.startAt,
    utcOffsetSeconds: null,
    durationS: parsed.durationS,
    movingTimeS: parsed.movingTimeS,
    distanceM: parsed.distanceM,
    elevationGainM: parsed.elevationGainM,
    energyKcal: parsed.energyKcal,
    avgHeartRateBpm: parsed.avgHeartRateBpm,
    maxHeartRateBpm: parsed.maxHeartRateBpm,
    avgPowerW: parsed.avgPowerW,
    avgSpeedMps: parsed.avgSpeedMps,
    maxSpeedMps: parsed.maxSpeedMps,
    device: parsed.device,
    polyline: trackPolyline(parsed.points),
    raw: { file: { sha256: file.sha256, format: parsed.format }, laps: parsed.laps.length, warnings: parsed.warnings },
  };
}

/** "Morning Run.fit.gz" -> "Morning Run": FIT files carry no name, and the person chose this one. */
function nameFromFileName(fileName: string | null): string | null {
  const stem = fileName?.replace(/(\.(fit|gpx|tcx))?(\.gz)?$/i, "").trim();
  return stem ? stem.slice(0, MAX_NAME_LENGTH) : null;
}
