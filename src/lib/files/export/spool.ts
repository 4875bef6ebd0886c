import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A temporary folder for the files an export builds while it is planned, read back as the zip
 * streams: each is built once (the FIT encoder is the slow part of an export) and none waits in
 * memory. Named by hash, so no name comes from data. Removed when the export ends either way.
 */
export class Spool {
  private dir: Promise<string> | null = null;
  private isDisposed = false;

  /** Keeps `bytes` under their SHA-256 and returns where. */
  async write(sha256: string, bytes: Uint8Array): Promise<string> {
    if (!SHA256.test(sha256)) throw new Error("a spooled file is named by its SHA-256");
    if (this.isDisposed) throw new Error("the export has ended");
    this.dir ??= fs.mkdtemp(path.join(os.tmpdir(), "qt-export-"));
    const file = path.join(await this.dir, sha256);
    await fs.writeFile(file, bytes);
    return file;
  }

  async dispose(): Promise<void> {
    this.isDisposed = true;
    if (this.dir) await fs.rm(await this.dir, { recursive: true, force: true });
  }
}
