// POST /api/sync/:connectionId — sync now: queues a job (or returns the one already queued).
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { errorResponse } from "@/lib/http/error-response";
import { requireApiUser } from "@/lib/http/require-api-user";
import { enqueueConnectionSync } from "@/lib/jobs";
import { toJobView } from "@/lib/jobs/job-view";

const paramsSchema = z.object({ connectionId: z.uuid({ message: "must be a connection id (UUID)" }) });

export async function POST(_request: Request, context: { params: Promise<{ connectionId: string }> }) {
  try {
    const user = await requireApiUser();
    const { connectionId } = paramsSchema.parse(await context.params);
    const db = await getDb();
    await getConnectionOrThrow(db, { userId: user.id, connectionId });
    const { job, isNew } = await enqueueConnectionSync(db, { userId: user.id, connectionId, reason: "manual" });
    return Response.json({ job: toJobView(job), isNew }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
