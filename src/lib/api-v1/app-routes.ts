import { getDb } from "@/lib/db";
import { getFileStore } from "@/lib/files";
import { apiV1HandlerNamed } from "./route";

/** An /api/v1 endpoint bound to the app's database and file store, for its route file. */
export const appApiV1Route = (name: string) => apiV1HandlerNamed(name, { getDb, getStore: getFileStore });
