import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { finished } from "node:stream/promises";

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A temporary folder for the files an export builds while it is planned, read back as the zip
 * streams: each is built once (the FIT encoder is the slow part of an export) and none waits in
 * memory. Named by hash or by a counter, so no name comes from data. Removed when the export
 * ends either way.
 */
export class Spool {
  private dir: Promise<string> | null = null;
  private isDisposed = false;
  private written = 0;

  private async folder(): Promise<string> {
    if (this.isDisposed) throw new Error("the export has ended");
    this.dir ??= fs.mkdtemp(path.join(os.tmpdir(), "qt-export-"));
    return this.dir;
  }

  /** Keeps `bytes` under their SHA-256 and returns where. */
  async write(sha256: string, bytes: Uint8Array): Promise<string> {
    if (!SHA256.test(sha256)) throw new Error("a spooled file is named by its SHA-256");
    const file = path.join(await this.folder(), sha256);
    await fs.writeFile(file, bytes);
    return file;
  }

  /**
   * Writes text as it comes (a table read page by page) to a file of its own, waiting for the
   * disk when it falls behind, and returns where, with the size and SHA-256 a zip entry needs.
   */
  async writeText(chunks: AsyncIterable<string>): Promise<{ path: string; sizeBytes: number; sha256: string }> {
    const file = path.join(await this.folder(), `text-${++this.written}`);
    const out = createWriteStream(file);
    const hash = createHash("sha256");
    let sizeBytes = 0;
    try {
      for await (const chunk of chunks) {
        const bytes = Buffer.from(chunk, "utf8");
        hash.update(bytes);
        sizeBytes += bytes.length;
        if (!out.write(bytes)) await once(out, "drain");
      }
      out.end();
      await finished(out);
    } catch (error) {
      out.destroy();
      throw error;
    }
    return { path: file, sizeBytes, sha256: hash.digest("hex") };
  }

  async dispose(): Promise<void> {
    this.isDisposed = true;
    if (this.dir) await fs.rm(await this.dir, { recursive: true, force: true });
  }
}
