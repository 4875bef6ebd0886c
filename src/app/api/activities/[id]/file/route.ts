// GET /api/activities/:id/file[?format=fit|gpx][&fileId=] — the activity's original file (or a generated FIT/GPX), session or X-API-Key, Range supported.
import { getDb } from "@/lib/db";
import { getFileStore } from "@/lib/files";
import { activityFileRoute } from "@/lib/files/routes";

export const dynamic = "force-dynamic";

export const GET = activityFileRoute({ getDb, getStore: getFileStore });
