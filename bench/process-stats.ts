// What the benches read about the server they start: the flags `npm start` gives Node, and a
// process's CPU time from /proc.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

/** The V8 flags `npm start` runs the app with (see README, "Memory"), so the server measured is the one deployed. */
export function startFlags(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  return scripts.start.match(/--[\w-]+=\S+/g) ?? [];
}

/** CPU seconds (user + system) a process has used: steadier than wall time on a busy machine. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** What the Postgres backends serving the bench database have used so far. */
export async function postgresCpuSeconds(url: string): Promise<number> {
  const monitor = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const backends = await monitor<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    return backends.reduce((total, { pid }) => total + cpuSeconds(pid), 0);
  } finally {
    await monitor.end();
  }
}
