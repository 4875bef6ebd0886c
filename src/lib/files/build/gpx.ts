import { AppError } from "@/lib/errors";
import { GENERATED_DESCRIPTION } from "./generated";
import type { ActivityFileInput } from "./input";
import { buildTimeline, type TimelinePoint } from "./timeline";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// XML 1.0 cannot carry most control characters at all, escaped or not.
const escapeXml = (text: string) =>
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[&<>"']/g, (char) => XML_ESCAPES[char]!);

// Seven decimals is about a centimetre: more would only claim precision a polyline never had.
const coordinate = (degrees: number) => degrees.toFixed(7);
// GPX times are whole seconds on our grid; no milliseconds keeps every reader happy.
const isoSeconds = (time: Date) => time.toISOString().replace(/\.\d{3}Z$/, "Z");

function trackPoint(point: TimelinePoint): string {
  // TrackPointExtension v1 orders its children: hr before cad.
  const readings = [
    point.heartRateBpm === undefined ? "" : `<gpxtpx:hr>${Math.round(point.heartRateBpm)}</gpxtpx:hr>`,
    point.cadence === undefined ? "" : `<gpxtpx:cad>${Math.round(point.cadence)}</gpxtpx:cad>`,
  ].join("");
  const extensions = readings
    ? `<extensions><gpxtpx:TrackPointExtension>${readings}</gpxtpx:TrackPointExtension></extensions>`
    : "";
  const elevation = point.altitudeM === undefined ? "" : `<ele>${point.altitudeM.toFixed(1)}</ele>`;
  return `<trkpt lat="${coordinate(point.lat!)}" lon="${coordinate(point.lon!)}">${elevation}<time>${isoSeconds(point.time)}</time>${extensions}</trkpt>`;
}

/**
 * A GPX 1.1 track: a kept original's own points, or the route (the polyline) spread over the
 * activity's duration, with heart rate and cadence in Garmin's TrackPointExtension where measured. GPX is a list of positions, so
 * an activity without a route has no GPX: that is an INVALID_INPUT the caller shows (the FIT
 * still works for it).
 */
export function buildGpx(input: ActivityFileInput): Uint8Array {
  const timeline = buildTimeline(input);
  if (!timeline.hasPositions) {
    throw new AppError(
      "INVALID_INPUT",
      "This activity has no route, so there is no GPX for it; download the FIT instead.",
    );
  }
  const name = escapeXml(input.activity.name ?? "Activity");
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="QT.run" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd">',
    `<metadata><name>${name}</name><desc>${escapeXml(GENERATED_DESCRIPTION)}</desc><time>${isoSeconds(timeline.start)}</time></metadata>`,
    `<trk><name>${name}</name><type>${escapeXml(input.activity.type)}</type><trkseg>`,
    // A recording's points without a fix (indoors, before the GPS locked) have no place in a GPX.
    ...timeline.points.filter((point) => point.lat !== undefined && point.lon !== undefined).map(trackPoint),
    "</trkseg></trk>",
    "</gpx>",
    "",
  ];
  return new TextEncoder().encode(lines.join("\n"));
}
