import type { FileFormat } from "../types";

/** The media type each format is served with (the ones Garmin and the GPX schema name). */
export const CONTENT_TYPES: Record<FileFormat, string> = {
  fit: "application/vnd.ant.fit",
  gpx: "application/gpx+xml",
  tcx: "application/vnd.garmin.tcx+xml",
};

export const strongEtag = (sha256: string) => `"${sha256}"`;

/** Whether If-None-Match already names this tag: the caller's copy is current (304). */
export function isNotModified(headers: Headers, etag: string): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
