import type { FileFormat } from "./types";

export type SniffedFormat = FileFormat | "gzip" | "zip";

/**
 * What a file is, from its first bytes, never from its name: FIT has `.FIT` at bytes 8-11,
 * gzip starts 1f 8b, zip "PK\3\4", and GPX/TCX are XML whose root element names them.
 * Null for anything else (the caller answers 415).
 */
export function sniffFormat(head: Uint8Array): SniffedFormat | null {
  if (head.length >= 12 && new TextDecoder().decode(head.subarray(8, 12)) === ".FIT") return "fit";
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head.subarray(0, 4096));
  // The first element after the XML declaration, comments and doctype.
  const root =
    /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(
      text,
    );
  if (!root) return null;
  if (root[2] === "gpx") return "gpx";
  if (root[2] === "TrainingCenterDatabase") return "tcx";
  return null;
}
