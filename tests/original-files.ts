import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/lib/db/client";
import { activityFiles, originalFileFetches, type ActivityFile } from "@/lib/db/schema";
import { DiskFileStore } from "@/lib/files/disk-store";

/** A file store in a temporary folder for the test file, removed afterwards. */
export function setUpFileStore() {
  let root: string | undefined;
  let store: DiskFileStore | undefined;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "qt-originals-"));
    store = new DiskFileStore(root);
  });
  afterAll(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
  });
  return {
    get store() {
      if (!store) throw new Error("the file store is set up in beforeAll");
      return store;
    },
  };
}

/** The bytes a file store keeps for an indexed file. */
export async function readKeptFile(store: DiskFileStore, file: ActivityFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.read(file.userId, file.contentHash)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A FIT file as the SDK reads it: integrity checked, decoded without errors. */
export function decodeFit(bytes: Uint8Array) {
  const checked = new Decoder(Stream.fromByteArray(Array.from(bytes)));
  const isIntact = checked.isFIT() && checked.checkIntegrity();
  const { messages, errors } = new Decoder(Stream.fromByteArray(Array.from(bytes))).read();
  return { isIntact, errors, session: messages.sessionMesgs?.[0], records: messages.recordMesgs ?? [] };
}

export const keptFilesOf = (db: Database, userId: string) =>
  db.select().from(activityFiles).where(eq(activityFiles.userId, userId));

export const fileFetchesOf = (db: Database, connectionId: string, activityExternalId?: string) =>
  db
    .select()
    .from(originalFileFetches)
    .where(
      and(
        eq(originalFileFetches.connectionId, connectionId),
        activityExternalId === undefined ? undefined : eq(originalFileFetches.activityExternalId, activityExternalId),
      ),
    );
