import { describe, expect, it } from "vitest";
import { stravaCopyOrigin } from "./copy-origin";

describe("stravaCopyOrigin", () => {
  it("reads the Garmin activity a Garmin Connect auto-upload names", () => {
    expect(stravaCopyOrigin({ id: 1, external_id: "garmin_push_18273645" })).toEqual({
      kind: "source_activity",
      provider: "garmin",
      externalId: "18273645",
    });
  });

  it("reads our own forwarded upload's activity id", () => {
    expect(stravaCopyOrigin({ external_id: "qt-0A1B2C3D-0000-4000-8000-000000000001" })).toEqual({
      kind: "forwarded",
      activityId: "0a1b2c3d-0000-4000-8000-000000000001",
    });
  });

  it("names nothing for a file name, a missing id or another shape", () => {
    expect(stravaCopyOrigin({ external_id: "Morning_Run.fit" })).toBeUndefined();
    expect(stravaCopyOrigin({ id: 1 })).toBeUndefined();
    expect(stravaCopyOrigin(null)).toBeUndefined();
  });
});
