// GET /api/files/export[?from=YYYY-MM-DD&to=YYYY-MM-DD] — every activity file in the range as a streamed zip with manifests, resumable by Range.
import { getDb } from "@/lib/db";
import { getFileStore } from "@/lib/files";
import { exportFilesRoute } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const GET = exportFilesRoute({ getDb, getStore: getFileStore });
