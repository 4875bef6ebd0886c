import path from "node:path";
import { getEnv } from "@/env";
import { DiskFileStore } from "./disk-store";
import type { FileStore } from "./store";

export type { ByteRange, FileStore, StoredObject } from "./store";

const globalForFiles = globalThis as unknown as { qtFileStore?: FileStore };

/** The app's file store: the disk under QT_FILES_DIR (default `<QT_DATA_DIR>/files`). */
export function getFileStore(): FileStore {
  const env = getEnv();
  globalForFiles.qtFileStore ??= new DiskFileStore(
    path.resolve(env.QT_FILES_DIR ?? path.join(env.QT_DATA_DIR, "files")),
  );
  return globalForFiles.qtFileStore;
}

/** The largest activity file accepted, in bytes (QT_FILE_MAX_MB, default 100). */
export const maxFileBytes = (): number => getEnv().QT_FILE_MAX_MB * 1024 * 1024;
