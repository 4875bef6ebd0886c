// The production build and `next start` for dashboard.bench.ts: the figures only mean
// something for the optimised build, never for `next dev`.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startFlags } from "./process-stats";

const ROOT = path.join(import.meta.dirname, "..");
const BUILD_ID = path.join(ROOT, ".next", "BUILD_ID");
const BUILD_INPUTS = ["src", "drizzle", "public", "next.config.ts", "package.json", "package-lock.json"];

function newestModification(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .reduce((newest, entry) => Math.max(newest, newestModification(path.join(target, entry))), stat.mtimeMs);
}

/** Builds when .next is missing or older than any source; BENCH_SKIP_BUILD=1 uses whatever is there. */
export function ensureProductionBuild(): { built: boolean } {
  const builtAt = fs.existsSync(BUILD_ID) ? fs.statSync(BUILD_ID).mtimeMs : 0;
  const isStale = builtAt === 0 || BUILD_INPUTS.some((input) => newestModification(path.join(ROOT, input)) > builtAt);
  if (!isStale) return { built: false };
  if (process.env.BENCH_SKIP_BUILD === "1") {
    if (builtAt === 0)
      throw new Error("No production build in .next: run `npx next build` (or drop BENCH_SKIP_BUILD=1).");
    console.warn("[bench] .next is older than the sources; measuring it anyway (BENCH_SKIP_BUILD=1).");
    return { built: false };
  }
  console.log("[bench] .next is missing or stale: npx next build");
  const status = spawnSync("npx", ["next", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  }).status;
  if (status !== 0) throw new Error("next build failed");
  return { built: true };
}

export interface RunningServer {
  baseUrl: string;
  /** The Node process serving the pages (for its CPU time). */
  pid: number;
  stop(): Promise<void>;
}

export async function startProductionServer(
  databaseUrl: string,
  port = Number(process.env.BENCH_PORT ?? 3303),
): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  if (
    await fetch(`${baseUrl}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`Port ${port} is already in use; set BENCH_PORT.`);
  const dataDir = fs.mkdtempSync(path.join("/tmp", "qt-bench-dashboard-"));
  const child = spawn(
    process.execPath,
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (written when it stops).
    [
      // `npm start`'s flags, so the server measured is the one deployed.
      ...startFlags(),
      ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      path.join(ROOT, "node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        QT_DATA_DIR: dataDir,
        QT_SANDBOX: "1",
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
        QT_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      },
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const isUp = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (isUp) return { baseUrl, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error("next start did not answer /api/health within 2 minutes");
}
