import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDirectoryLock, DirectoryLockedError } from "./directory-lock";

describe("embedded database lock", () => {
  const dirs: string[] = [];
  const tempDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qt-lock-"));
    dirs.push(dir);
    return path.join(dir, "pglite");
  };
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("refuses a second process with a message that says what to do", async () => {
    const dataDir = tempDataDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.writeFileSync(`${dataDir}.lock`, String(other.pid));
      expect(() => acquireDirectoryLock(dataDir)).toThrow(DirectoryLockedError);
      expect(() => acquireDirectoryLock(dataDir)).toThrow(new RegExp(`pid ${other.pid}.*DATABASE_URL`));
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left behind by a process that died", async () => {
    const dataDir = tempDataDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    fs.writeFileSync(`${dataDir}.lock`, String(dead.pid));
    const lock = acquireDirectoryLock(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
