import fs from "node:fs";
import path from "node:path";

export class DirectoryLockedError extends Error {
  constructor(lockPath: string, pid: number) {
    super(
      `The embedded database at ${lockPath.replace(/\.lock$/, "")} is in use by another process (pid ${pid}). ` +
        `Stop that process, or set DATABASE_URL to use a Postgres server that many processes can share.`,
    );
    this.name = "DirectoryLockedError";
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A pid lockfile beside the data directory. A lock left by a dead process is taken over. */
export function acquireDirectoryLock(dataDir: string): { release(): void } {
  // Beside the directory, not in it: PGlite initialises an empty directory as PGDATA.
  fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const lockPath = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8").trim());
      if (holder && holder !== process.pid && isProcessAlive(holder)) throw new DirectoryLockedError(lockPath, holder);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
