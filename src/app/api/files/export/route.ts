// GET /api/files/export[?from=YYYY-MM-DD&to=YYYY-MM-DD][&include=data] — every activity file in the range as a streamed zip with manifests (include=data: the full-account zip, every table as CSV too), resumable by Range.
import { getDb } from "@/lib/db";
import { getFileStore } from "@/lib/files";
import { exportFilesRoute } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const GET = exportFilesRoute({ getDb, getStore: getFileStore });
