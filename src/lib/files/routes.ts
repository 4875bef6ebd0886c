import type { Database } from "@/lib/db/client";
import { withRequestUser } from "@/lib/http/with-request-user";
import {
  activityFileParamsSchema,
  activityFileQuerySchema,
  respondWithActivityFile,
} from "./download/activity-file-response";
import { exportQuerySchema, respondWithExport } from "./export/export-response";
import type { FileStore } from "./store";

export interface FileRouteDependencies {
  getDb: () => Promise<Database>;
  getStore: () => FileStore;
}

const searchParamsOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** GET /api/activities/:id/file: the route's whole handler, built on its dependencies so tests serve the same code. */
export const activityFileRoute = (deps: FileRouteDependencies) =>
  withRequestUser<{ id: string }>(deps.getDb, { scope: "read" }, async ({ db, request, user, params }) => {
    const { id } = activityFileParamsSchema.parse(params);
    const query = activityFileQuerySchema.parse(searchParamsOf(request));
    return respondWithActivityFile(db, deps.getStore(), { user, activityId: id, query, request });
  });

/** GET /api/files/export: the same, for the export zip. */
export const exportFilesRoute = (deps: FileRouteDependencies) =>
  withRequestUser(deps.getDb, { scope: "read" }, async ({ db, request, user }) => {
    const query = exportQuerySchema.parse(searchParamsOf(request));
    return respondWithExport(db, deps.getStore(), { user, query, request });
  });
