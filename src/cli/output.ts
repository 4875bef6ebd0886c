// Everything the CLI prints. Results go to stdout (a table, lines, or JSON with --json);
// progress, notes and errors go to stderr, and progress bars only when stderr is a terminal,
// so a cron log or a pipe gets the result and the messages, never a redrawn bar.

export interface Output {
  /** The result, for people or for `jq`. */
  result(text: string): void;
  json(value: unknown): void;
  /** A note on stderr. */
  info(text: string): void;
  /** Only with -v. */
  verbose(text: string): void;
  error(text: string): void;
  progress(label: string): Progress;
}

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export interface OutputStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export function createOutput(params: { isVerbose: boolean; streams?: OutputStreams }): Output {
  const { stdout, stderr } = params.streams ?? { stdout: process.stdout, stderr: process.stderr };
  return {
    result: (text) => void stdout.write(`${text}\n`),
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    info: (text) => void stderr.write(`${text}\n`),
    verbose: (text) => void (params.isVerbose && stderr.write(`${text}\n`)),
    error: (text) => void stderr.write(`qt: ${text}\n`),
    progress: (label) => (stderr.isTTY ? createBar(stderr, label) : SILENT),
  };
}

const SILENT: Progress = { update() {}, done() {} };
const BAR_WIDTH = 30;

function createBar(stream: NodeJS.WritableStream & { columns?: number }, label: string): Progress {
  let shown = false;
  return {
    update(done, total) {
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * BAR_WIDTH);
      const line = `${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
    },
  };
}

/** Columns padded to their widest cell; `align` right-aligns the named columns (numbers). */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned = new Set<number>(),
) {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
