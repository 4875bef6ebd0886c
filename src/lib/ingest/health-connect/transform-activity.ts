import type { ActivityRecord } from "@/lib/sync/records";
import type { RowHandler } from "./collect";
import { exerciseTypeOf } from "./exercise-types";
import { deviceNameOf, sourceIdOf, stableIdOf } from "./origin";
import { hcExerciseSchema, type HcExercise } from "./schemas";

export function transformExercise(row: HcExercise): ActivityRecord {
  const { type, providerType } = exerciseTypeOf(row.type);
  const startAt = new Date(row.start_time);
  const endAt = new Date(row.end_time);
  const metadata = row.metadata;
  return {
    // The provider type, not the raw value, so "56" and "running" name the same session.
    externalId:
      metadata?.id ??
      stableIdOf("exercise", providerType, startAt.toISOString(), endAt.toISOString(), metadata?.data_origin),
    type,
    providerType,
    name: row.title?.trim() || null,
    startAt,
    utcOffsetSeconds: metadata?.interval_zone_offset?.start_zone_offset_seconds ?? null,
    // duration_seconds is Duration.seconds: whole seconds, truncated. The instants are exact.
    durationS: (endAt.getTime() - startAt.getTime()) / 1000,
    distanceM: row.distance_meters ?? null,
    device: deviceNameOf(metadata),
    raw: row,
  };
}

export const exerciseHandler: RowHandler = (item, path, out) => {
  const parsed = hcExerciseSchema.safeParse(item);
  if (!parsed.success) return out.rejectIssues(path, parsed.error);
  out.activity(sourceIdOf(parsed.data.metadata), transformExercise(parsed.data), path);
};
