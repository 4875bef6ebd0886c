import type { FileFormat, ParsedActivityFile } from "../types";
import { parseFit } from "./fit";
import { parseGpx } from "./gpx";
import { parseTcx } from "./tcx";

/**
 * Reads an activity file of a known format (see sniffFormat). Throws AppError INVALID_INPUT, saying what
 * is wrong, when nothing meaningful can be read; a damaged file that still yields an activity comes back
 * with `warnings` describing what was lost.
 */
export function parseActivityFile(bytes: Uint8Array, format: FileFormat): ParsedActivityFile {
  switch (format) {
    case "fit":
      return parseFit(bytes);
    case "gpx":
      return parseGpx(bytes);
    case "tcx":
      return parseTcx(bytes);
    default: {
      const unknown: never = format;
      throw new Error(`Unknown format ${String(unknown)}`);
    }
  }
}
