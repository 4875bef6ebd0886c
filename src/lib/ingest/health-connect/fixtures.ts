// HC Webhook bodies in the shapes SyncManager.buildJsonPayload writes (shared/providers/android-health-connect.md §3).
export const FIT = "com.google.android.apps.fitness";
export const SAMSUNG = "com.sec.android.app.shealth";
export const WITHINGS = "com.withings.wiscale2";

const device = { manufacturer: "Google", model: "Pixel Watch 2", type: 1 };

export const watchMetadata = (id: string) => ({
  data_origin: FIT,
  recording_method: "automatically_recorded",
  device,
  id,
  client_record_version: 0,
  last_modified_time: "2025-03-02T07:01:44Z",
  instant_zone_offset_seconds: 3600,
});

export const sleepRow = {
  session_end_time: "2025-03-01T22:30:00Z",
  duration_seconds: 26280,
  sleep_updated_at: "2025-03-01T22:41:13Z",
  stages: [
    { stage: "4", start_time: "2025-03-01T15:12:00Z", end_time: "2025-03-01T15:47:00Z", duration_seconds: 2100 },
    { stage: "5", start_time: "2025-03-01T15:47:00Z", end_time: "2025-03-01T16:32:00Z", duration_seconds: 2700 },
    { stage: "6", start_time: "2025-03-01T16:32:00Z", end_time: "2025-03-01T17:22:00Z", duration_seconds: 3000 },
    { stage: "1", start_time: "2025-03-01T17:22:00Z", end_time: "2025-03-01T17:32:00Z", duration_seconds: 600 },
    { stage: "2", start_time: "2025-03-01T17:32:00Z", end_time: "2025-03-01T19:42:00Z", duration_seconds: 7800 },
    { stage: "3", start_time: "2025-03-01T19:42:00Z", end_time: "2025-03-01T19:52:00Z", duration_seconds: 600 },
    { stage: "4", start_time: "2025-03-01T19:52:00Z", end_time: "2025-03-01T22:30:00Z", duration_seconds: 9480 },
  ],
  metadata: {
    data_origin: SAMSUNG,
    recording_method: "automatically_recorded",
    id: "0d0f6a7e-1c2b-4c7e-8f6e-5a1b2c3d4e5f",
    interval_zone_offset: { start_zone_offset_seconds: 32400, end_zone_offset_seconds: 32400 },
  },
};

export const exerciseRow = {
  type: "56",
  title: "Morning run",
  start_time: "2025-03-02T06:00:00Z",
  end_time: "2025-03-02T06:41:00.500Z",
  duration_seconds: 2460,
  distance_meters: 7420.5,
  steps: 6911,
  avg_cadence_spm: 168.5,
  metadata: {
    data_origin: FIT,
    recording_method: "actively_recorded",
    device,
    id: "9c5e7c0a-3b1f-4f0e-9a51-2f7d4c8e6b10",
    last_modified_time: "2025-03-02T06:45:10Z",
    interval_zone_offset: { start_zone_offset_seconds: 3600, end_zone_offset_seconds: 3600 },
  },
};

const scale = {
  data_origin: WITHINGS,
  recording_method: "automatically_recorded",
  device: { manufacturer: "Withings", model: "Body+", type: 3 },
};

export const body = {
  timestamp: "2025-03-02T09:30:12.481Z",
  app_version: "2.4.0",
  // Daily total: start_time is local midnight (UTC+1), end_time the read time; no metadata.
  steps: [{ count: 1834, start_time: "2025-03-01T23:00:00Z", end_time: "2025-03-02T09:30:00Z" }],
  heart_rate: [
    { bpm: 64, time: "2025-03-02T06:58:10Z", metadata: watchMetadata("hr-record-1") },
    { bpm: 66, time: "2025-03-02T06:58:15.250Z", metadata: watchMetadata("hr-record-1") },
    { time: "2025-03-02T07:00:00Z", avg: 71, min: 66, max: 79 },
  ],
  sleep: [sleepRow],
  exercise: [exerciseRow],
  weight: [{ kilograms: 71.8, time: "2025-03-02T06:50:00Z", metadata: { ...scale, id: "w-1" } }],
  body_fat: [{ percentage: 18.4, time: "2025-03-02T06:50:00Z", metadata: { ...scale, id: "bf-1" } }],
};
