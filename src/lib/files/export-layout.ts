import { GENERATED_SUFFIX } from "./build/generated";

const MAX_NAME_CHARS = 80;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A name as one safe path segment: letters and digits of any script kept (lower-cased, accents
 * folded), everything else a single dash. Nothing that could climb out of a folder or confuse
 * a file system survives: no `/`, `\`, `..`, `:`, control characters, leading dots or spaces.
 */
export function slugify(text: string | null | undefined, fallback: string): string {
  const slug = (text ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  // Cut by code point so a surrogate pair is never split, then tidy a dash left at the cut.
  const cut = Array.from(slug).slice(0, MAX_NAME_CHARS).join("").replace(/-+$/, "");
  return cut || fallback;
}

export interface ExportPathParts {
  /** Our activity type ("trail_run"), the folder. */
  type: string;
  /** The activity's local date, YYYY-MM-DD. */
  localDate: string;
  name: string | null;
  /** "fit", "gpx" or "tcx". */
  extension: string;
  isGenerated: boolean;
}

/**
 * Where an activity's file goes in an export: `<type>/<yyyy-mm-dd>-<name>.<ext>`, with
 * `-generated` before the extension for a file we built, and `-2`, `-3`, … after the name when
 * the path is taken (compared case-insensitively, as macOS and Windows do). `taken` collects
 * every path handed out.
 */
export function exportPath(parts: ExportPathParts, taken: Set<string>): string {
  const folder = slugify(parts.type.replaceAll("_", "-"), "other");
  const date = DATE.test(parts.localDate) ? parts.localDate : "undated";
  const base = `${folder}/${date}-${slugify(parts.name, "activity")}`;
  const tail = `${parts.isGenerated ? GENERATED_SUFFIX : ""}.${slugify(parts.extension, "bin")}`;
  for (let n = 1; ; n++) {
    const candidate = `${base}${n > 1 ? `-${n}` : ""}${tail}`;
    const key = candidate.toLowerCase();
    if (!taken.has(key)) {
      taken.add(key);
      return candidate;
    }
  }
}

/** The local date of an activity: its own UTC offset where the source sent one, else the person's zone. */
export function activityLocalDate(
  startAt: Date,
  utcOffsetSeconds: number | null,
  localDateInZone: (instant: Date) => string,
): string {
  if (utcOffsetSeconds == null) return localDateInZone(startAt);
  return new Date(startAt.getTime() + utcOffsetSeconds * 1000).toISOString().slice(0, 10);
}
