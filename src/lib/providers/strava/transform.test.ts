import { describe, expect, it } from "vitest";
import { stravaSummaryActivitySchema } from "./schemas";
import { transformStravaActivity } from "./transform";

// A SummaryActivity as GET /athlete/activities returns it (developers.strava.com), trimmed.
const run = {
  resource_state: 2,
  athlete: { id: 134815, resource_state: 1 },
  name: "Happy Friday",
  distance: 24931.4,
  moving_time: 4500,
  elapsed_time: 4500,
  total_elevation_gain: 0,
  type: "Run",
  sport_type: "TrailRun",
  id: 154504250376823,
  start_date: "2018-05-02T12:15:09Z",
  start_date_local: "2018-05-02T05:15:09Z",
  timezone: "(GMT-08:00) America/Los_Angeles",
  utc_offset: -25200,
  map: { id: "a12345678987654321", summary_polyline: "_p~iF~ps|U_ulLnnqC", resource_state: 2 },
  average_speed: 5.54,
  max_speed: 11,
  average_heartrate: 141.5,
  max_heartrate: 171,
  average_watts: 175.3,
  device_name: "Garmin Forerunner 965",
};

describe("Strava transforms", () => {
  it("maps a summary activity: the instant from start_date, the offset, SI units, our type from sport_type", () => {
    const record = transformStravaActivity(stravaSummaryActivitySchema.parse(run));
    expect(record).toMatchObject({
      externalId: "154504250376823",
      type: "trail_run",
      providerType: "TrailRun",
      name: "Happy Friday",
      startAt: new Date("2018-05-02T12:15:09Z"),
      utcOffsetSeconds: -25200,
      durationS: 4500,
      movingTimeS: 4500,
      distanceM: 24931.4,
      elevationGainM: 0,
      energyKcal: null,
      avgHeartRateBpm: 141.5,
      maxHeartRateBpm: 171,
      avgPowerW: 175.3,
      avgSpeedMps: 5.54,
      maxSpeedMps: 11,
      device: "Garmin Forerunner 965",
      polyline: "_p~iF~ps|U_ulLnnqC",
    });
    // Fields we do not store still reach `raw`.
    expect(record.raw).toMatchObject({ athlete: { id: 134815 }, timezone: "(GMT-08:00) America/Los_Angeles" });
  });

  it("falls back to the legacy type, and to other for a sport it does not know", () => {
    const legacy = transformStravaActivity(
      stravaSummaryActivitySchema.parse({ ...run, sport_type: undefined, type: "Ride" }),
    );
    expect(legacy).toMatchObject({ type: "ride", providerType: "Ride" });
    const unknown = transformStravaActivity(stravaSummaryActivitySchema.parse({ ...run, sport_type: "Sail" }));
    expect(unknown).toMatchObject({ type: "other", providerType: "Sail" });
  });

  it("leaves out what a manual activity has not got: no map, no heart rate, no offset", () => {
    const manual = stravaSummaryActivitySchema.parse({
      id: 7,
      start_date: "2026-01-05T07:00:00Z",
      sport_type: "Yoga",
      map: { summary_polyline: "" },
    });
    expect(transformStravaActivity(manual)).toMatchObject({
      type: "yoga",
      name: null,
      utcOffsetSeconds: null,
      distanceM: null,
      avgHeartRateBpm: null,
      polyline: null,
    });
  });
});
