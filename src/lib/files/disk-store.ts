import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import type { ByteRange, FileStore, StoredObject } from "./store";

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Files on local disk: `<root>/<user>/<first two hex digits>/<sha256>`. The user folder is a hash
 * of the user id, so no id (whatever characters it holds) can name a path outside the root, and
 * every name below it is checked hex. Writes go to a temporary file renamed into place, so a
 * crash never leaves half a file under a real name.
 */
export class DiskFileStore implements FileStore {
  constructor(readonly root: string) {}

  async put(
    userId: string,
    body: Uint8Array | AsyncIterable<Uint8Array>,
    options: { maxBytes?: number } = {},
  ): Promise<StoredObject> {
    const temporaryDir = path.join(this.root, ".incoming");
    await fs.mkdir(temporaryDir, { recursive: true });
    const temporary = path.join(temporaryDir, randomUUID());
    const hash = createHash("sha256");
    const out = createWriteStream(temporary, { flags: "wx" });
    let sizeBytes = 0;
    try {
      for await (const chunk of body instanceof Uint8Array ? [body] : body) {
        sizeBytes += chunk.byteLength;
        if (options.maxBytes !== undefined && sizeBytes > options.maxBytes) {
          throw new AppError(
            "PAYLOAD_TOO_LARGE",
            `The file is larger than the ${formatLimit(options.maxBytes)} limit.`,
            {
              limitBytes: options.maxBytes,
            },
          );
        }
        hash.update(chunk);
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
      out.end();
      await finished(out);
      const sha256 = hash.digest("hex");
      const target = this.pathOf(userId, sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Same name, same bytes: renaming over an existing copy is harmless and atomic.
      await fs.rename(temporary, target);
      return { sha256, sizeBytes };
    } catch (error) {
      out.destroy();
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async size(userId: string, sha256: string): Promise<number | null> {
    try {
      return (await fs.stat(this.pathOf(userId, sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async read(userId: string, sha256: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(userId, sha256);
    const handle = await fs.open(file, "r").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw new AppError("NOT_FOUND", "That file is no longer in the file store.");
      throw error;
    });
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async delete(userId: string, sha256: string): Promise<void> {
    await fs.rm(this.pathOf(userId, sha256), { force: true });
  }

  private pathOf(userId: string, sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError("INVALID_INPUT", "A file's name must be its SHA-256 in hex.");
    const userDir = createHash("sha256").update(userId).digest("hex").slice(0, 32);
    return path.join(this.root, userDir, sha256.slice(0, 2), sha256);
  }
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}
