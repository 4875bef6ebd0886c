import type { Readable } from "node:stream";

/** A file as the store keeps it: named by the SHA-256 of its bytes. */
export interface StoredObject {
  sha256: string;
  sizeBytes: number;
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/**
 * Where the bytes of original activity files live. Content-addressed and per user: the same
 * bytes stored twice by one person are kept once, and one person's files never name another's.
 * The disk store (disk-store.ts) is the default; an S3-compatible bucket can implement the same
 * four calls later without the rest of the app noticing.
 */
export interface FileStore {
  /**
   * Streams the bytes in, hashing on the way, and keeps them under their hash. A file already
   * kept is not written twice. Past `maxBytes` it stops reading and throws AppError
   * PAYLOAD_TOO_LARGE, leaving nothing behind.
   */
  put(
    userId: string,
    body: Uint8Array | AsyncIterable<Uint8Array>,
    options?: { maxBytes?: number },
  ): Promise<StoredObject>;
  /** The size of a kept file, or null when the store does not have it. */
  size(userId: string, sha256: string): Promise<number | null>;
  /** The bytes (or a range of them) as a stream; throws AppError NOT_FOUND when absent. */
  read(userId: string, sha256: string, range?: ByteRange): Promise<Readable>;
  delete(userId: string, sha256: string): Promise<void>;
}
