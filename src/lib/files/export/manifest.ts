import type { FileFormat } from "../types";

/** One activity in an export's manifest: what it was, and where its file sits in the zip. */
export interface ManifestRow {
  id: string;
  start: string;
  type: string;
  name: string | null;
  provider: string;
  distanceM: number | null;
  durationS: number | null;
  path: string;
  file: "original" | "generated";
  format: FileFormat;
  sizeBytes: number;
  sha256: string;
}

const CSV_COLUMNS = [
  ["id", (row: ManifestRow) => row.id],
  ["start", (row: ManifestRow) => row.start],
  ["type", (row: ManifestRow) => row.type],
  ["name", (row: ManifestRow) => row.name],
  ["provider", (row: ManifestRow) => row.provider],
  ["distance_m", (row: ManifestRow) => row.distanceM],
  ["duration_s", (row: ManifestRow) => row.durationS],
  ["path", (row: ManifestRow) => row.path],
  ["file", (row: ManifestRow) => row.file],
  ["format", (row: ManifestRow) => row.format],
  ["size_bytes", (row: ManifestRow) => row.sizeBytes],
  ["sha256", (row: ManifestRow) => row.sha256],
] as const;

/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe: an activity name is whatever the provider or the person typed.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The manifest in both forms, written a row at a time. The rows are small (a few hundred bytes
 * each, ~5 MB for 10,000 activities): the export keeps them, not the activities, until the
 * zip's first entry is written.
 */
export class ManifestWriter {
  private readonly csv: string[] = [`${CSV_COLUMNS.map(([name]) => name).join(",")}\r\n`];
  private readonly json: string[] = [];

  constructor(private readonly header: Record<string, string | null>) {}

  add(row: ManifestRow): void {
    this.csv.push(`${CSV_COLUMNS.map(([, value]) => csvCell(value(row))).join(",")}\r\n`);
    this.json.push(JSON.stringify(row));
  }

  get count(): number {
    return this.json.length;
  }

  toCsv(): Buffer {
    return Buffer.from(this.csv.join(""), "utf8");
  }

  /** `{ ...header, "activities": [ …one row per line… ] }`: valid JSON that still diffs line by line. */
  toJson(): Buffer {
    const head = JSON.stringify(this.header).slice(0, -1);
    const body = this.json.length === 0 ? "[]" : `[\n${this.json.join(",\n")}\n]`;
    return Buffer.from(`${head}${head.length > 1 ? "," : ""}"activities":${body}}\n`, "utf8");
  }
}
