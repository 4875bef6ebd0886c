import { AppError } from "@/lib/errors";
import type { ParsedActivityFile, TrackPoint } from "../types";
import { PointCollector, toNumber } from "./collect";
import { readExtensions } from "./extensions";
import { summarizePoints } from "./points";
import { child, children, parseXml, text, type XmlNode, xmlWarnings } from "./xml";
import { xmlActivityType } from "./xml-sports";

function toPoint(trkpt: XmlNode): TrackPoint {
  const time = text(trkpt.time);
  const point: TrackPoint = { time: time ? new Date(time) : new Date(NaN) };
  // A missing coordinate becomes NaN so the collector drops the point as impossible.
  point.lat = toNumber(trkpt["@_lat"]) ?? NaN;
  point.lon = toNumber(trkpt["@_lon"]) ?? NaN;
  const altitude = toNumber(text(trkpt.ele));
  if (altitude !== undefined) point.altitudeM = altitude;
  readExtensions(trkpt.extensions, point);
  return point;
}

/** GPX 1.0/1.1: every trk/trkseg/trkpt in order; the summary is worked out from the points (GPX has none). */
export function parseGpx(bytes: Uint8Array): ParsedActivityFile {
  const xml = parseXml(bytes, {
    label: "GPX",
    rootTag: "gpx",
    pointTag: "trkpt",
    arrays: ["trk", "trkseg", "trkpt"],
  });
  const gpx = child(xml.root, "gpx");
  if (!gpx) throw new AppError("INVALID_INPUT", "The file is not GPX: it has no <gpx> root element.");
  const tracks = children(gpx, "trk");
  const collector = new PointCollector();
  let pointCount = 0;
  for (const track of tracks)
    for (const segment of children(track, "trkseg"))
      for (const trkpt of children(segment, "trkpt")) {
        pointCount++;
        collector.add(toPoint(trkpt));
      }
  const points = collector.points;
  if (!points.length) {
    const why = pointCount
      ? `none of its ${pointCount} track points has both a valid position and a time`
      : "it has no track points (trk/trkseg/trkpt); routes and waypoints are not recorded activities";
    throw new AppError("INVALID_INPUT", `The GPX file holds no activity: ${why}.`);
  }

  const warnings = collector.warnings();
  warnings.push(...xmlWarnings(xml, points));
  const summary = summarizePoints(points);
  const providerType = text(tracks[0]?.type)?.trim() || null;
  return {
    format: "gpx",
    type: xmlActivityType(providerType),
    providerType,
    name: text(tracks[0]?.name)?.trim() || text(child(gpx, "metadata")?.name)?.trim() || null,
    startAt: points[0]!.time,
    durationS: summary.durationS,
    movingTimeS: null,
    distanceM: summary.distanceM,
    elevationGainM: summary.elevationGainM,
    energyKcal: null,
    avgHeartRateBpm: summary.avgHeartRateBpm,
    maxHeartRateBpm: summary.maxHeartRateBpm,
    avgPowerW: summary.avgPowerW,
    avgSpeedMps: summary.avgSpeedMps,
    maxSpeedMps: summary.maxSpeedMps,
    device: text(gpx["@_creator"])?.trim() || null,
    laps: [],
    points,
    warnings,
  };
}
