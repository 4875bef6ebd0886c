import { describe, expect, it } from "vitest";
import type { ActivityFile } from "@/lib/db/schema";
import { activityDownloadOptions } from "./download-options";

const activity = { id: "0f0e0d0c-0000-4000-8000-000000000001", hasRoute: true };
const file = (id: string, format: ActivityFile["format"], source: string): ActivityFile => ({
  id,
  userId: "user",
  activityId: activity.id,
  contentHash: "0".repeat(64),
  format,
  origin: source === "upload" ? "upload" : "provider",
  source,
  fileName: null,
  sizeBytes: 10,
  startAt: null,
  createdAt: new Date("2026-11-20T06:00:00Z"),
});
const base = `/api/activities/${activity.id}/file`;

describe("download options", () => {
  it("lists kept originals newest first, then the generated formats, each marked", () => {
    const options = activityDownloadOptions(activity, [file("a", "fit", "garmin"), file("b", "gpx", "upload")]);
    expect(options.map(({ label, source, generated, href }) => ({ label, source, generated, href }))).toEqual([
      { label: "Original GPX", source: "upload", generated: false, href: `${base}?fileId=b` },
      { label: "Original FIT", source: "garmin", generated: false, href: `${base}?fileId=a` },
      { label: "FIT (generated)", source: null, generated: true, href: `${base}?format=fit` },
      { label: "GPX (generated)", source: null, generated: true, href: `${base}?format=gpx` },
    ]);
  });

  it("offers no GPX for an activity without a route", () => {
    expect(activityDownloadOptions({ ...activity, hasRoute: false }, []).map((option) => option.label)).toEqual([
      "FIT (generated)",
    ]);
  });
});
