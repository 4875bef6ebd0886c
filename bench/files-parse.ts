// The parse half of `npm run bench -- files`: a 4-hour 1 Hz FIT ride (14,401 records with position,
// heart rate, speed, power, cadence and altitude) read by our parseActivityFile and by fit-file-parser
// on the same bytes in the same run, alternating, several rounds; medians in MB/s and their ratio.
// The same activity as GPX and TCX is read by our XML parsers for scale.
import FitParser from "fit-file-parser";
import { parseActivityFile } from "../src/lib/files/parse";
import { buildFitActivity, buildGpx, buildTcx, type ActivityFileOptions } from "../tests/fixtures/activity-files";

const ROUNDS = Number(process.env.BENCH_FILES_PARSE_ROUNDS ?? 7);
const ACTIVITY: ActivityFileOptions = {
  start: new Date("2024-07-06T06:00:00Z"),
  seconds: 4 * 3600,
  sport: "cycling",
  subSport: "road",
  withPosition: true,
  withPower: true,
  withCadence: true,
  withHeartRate: true,
  withAltitude: true,
  laps: 8,
  intervalS: 1,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

interface Timing {
  wallMs: number;
  /** Process CPU time (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
}

async function time(run: () => unknown | Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const mb = (bytes: number) => bytes / 1_000_000;
function figures(bytes: number, timings: Timing[]) {
  const wallMs = median(timings.map((t) => t.wallMs));
  const cpuMs = median(timings.map((t) => t.cpuMs));
  return {
    medianWallMs: round(wallMs),
    medianCpuMs: round(cpuMs),
    MBps: round(mb(bytes) / (wallMs / 1000), 2),
    MBpsOfCpu: round(mb(bytes) / (cpuMs / 1000), 2),
  };
}

export async function benchFilesParse(): Promise<Record<string, unknown>> {
  const fit = buildFitActivity(ACTIVITY);
  const gpx = new TextEncoder().encode(buildGpx(ACTIVITY));
  const tcx = new TextEncoder().encode(buildTcx(ACTIVITY));
  // fit-file-parser takes an exact ArrayBuffer (see /work/shared/providers/fit-files.md).
  const fitBuffer = fit.buffer.slice(fit.byteOffset, fit.byteOffset + fit.byteLength) as ArrayBuffer;
  const readWithFitFileParser = () =>
    new FitParser({ force: false, mode: "list", lengthUnit: "m", speedUnit: "m/s" }).parseAsync(fitBuffer);

  // Both must have read the whole file, or the timings compare different work.
  const parsed = parseActivityFile(fit, "fit");
  const reference = await readWithFitFileParser();
  if (parsed.points.length !== reference.records?.length || parsed.warnings.length)
    throw new Error(
      `parsers disagree: ${parsed.points.length} vs ${reference.records?.length} records, ${parsed.warnings}`,
    );

  const oursTimes: Timing[] = [];
  const theirTimes: Timing[] = [];
  for (let i = 0; i < ROUNDS + 1; i++) {
    const a = await time(() => parseActivityFile(fit, "fit"));
    const b = await time(readWithFitFileParser);
    // Round 0 warms both up (JIT, lazy module state) and is not counted.
    if (i > 0) {
      oursTimes.push(a);
      theirTimes.push(b);
    }
  }
  const xmlTimes = { gpx: [] as Timing[], tcx: [] as Timing[] };
  for (let i = 0; i < 3; i++) {
    xmlTimes.gpx.push(await time(() => parseActivityFile(gpx, "gpx")));
    xmlTimes.tcx.push(await time(() => parseActivityFile(tcx, "tcx")));
  }

  const ours = figures(fit.length, oursTimes);
  const theirs = figures(fit.length, theirTimes);
  return {
    file: { format: "fit", bytes: fit.length, records: parsed.points.length, laps: parsed.laps.length },
    rounds: ROUNDS,
    baseline: "fit-file-parser 6 (force: false, mode: list), same bytes, same run, alternating",
    ours,
    fitFileParser: theirs,
    oursOverFitFileParser: round(ours.MBps / theirs.MBps, 2),
    oursOverFitFileParserByCpu: round(ours.MBpsOfCpu / theirs.MBpsOfCpu, 2),
    sameActivityAsXml: {
      gpx: { bytes: gpx.length, ...figures(gpx.length, xmlTimes.gpx) },
      tcx: { bytes: tcx.length, ...figures(tcx.length, xmlTimes.tcx) },
    },
  };
}
