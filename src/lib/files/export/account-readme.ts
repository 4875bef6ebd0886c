import type { AccountTable } from "@/lib/api-v1/account-tables";

// README.txt of the full-account zip. Nothing in it depends on the moment of the download (no
// "exported at"): the same data must give the same bytes, or a resumed download would splice.

const UNITS = [
  "M = metres, S = seconds, Mps = metres per second, Kg = kilograms, Kcal = kilocalories,",
  "Bpm = beats per minute, W = watts, Ms = milliseconds, Percent = 0-100.",
];

/** Wraps a paragraph at 78 characters, indented by `indent`. */
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > 78) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

export function accountReadme(params: {
  tables: readonly AccountTable[];
  from?: string;
  to?: string;
  timeZone: string;
}): string {
  const range =
    params.from || params.to
      ? `your data from ${params.from ?? "the start"} to ${params.to ?? "now"} (local dates in ${params.timeZone}, both days included)`
      : "all your data (no date range was given)";
  const sections = [
    "QT.run: your account's data",
    "",
    wrap(`This zip holds ${range}.`, ""),
    "",
    "data/<table>.csv: one CSV per table (UTF-8, comma-separated, a header row, then one row",
    "per record; the columns and units of the read API, /api/v1):",
    "",
    ...params.tables.flatMap((table) => [`  data/${table.name}.csv`, wrap(table.description, "    "), ""]),
    "manifest.csv, manifest.json: one row per activity file in this zip: the activity, where its",
    "  file is, whether it is the original or a FIT QT.run generated, its size and SHA-256.",
    "",
    "<type>/<yyyy-mm-dd>-<name>.<fit|gpx|tcx>: each activity's file, the newest original kept",
    "  (byte for byte as the source sent it), else a FIT generated from the summary and samples",
    '  ("-generated" in its name).',
    "",
    "Units are SI and named at the end of each column name:",
    ...UNITS.map((line) => `  ${line}`),
    "Columns without a unit are counts (steps), scores (0-100 unless the source uses its own",
    "scale: strain, stress, Body Battery), ratios (BMI), or say it (samples' unit column).",
    "",
    "Times are ISO 8601: columns ending in At, and time/endTime, are UTC (ending in Z); columns",
    "ending in Local are the wall-clock time where it happened, with the offset the source",
    "recorded (empty when it recorded none); utcOffsetSeconds is that offset. date is the",
    "local calendar date of a day or a night's sleep.",
    "",
    "source is the service a row came from, sourceId which of its devices or accounts (empty",
    "when there is one). An empty cell means no value. Text that would start a spreadsheet",
    "formula (=, +, -, @) begins with an apostrophe.",
    "",
  ];
  return sections.join("\n");
}
