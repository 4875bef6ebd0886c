// POST /api/sync/:connectionId — sync now: queues a job (or returns the one already queued).
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getConnectionOrThrow } from "@/lib/db/queries/connections";
import { withApiUser } from "@/lib/http/with-api-user";
import { enqueueConnectionSync } from "@/lib/jobs";
import { toJobView } from "@/lib/jobs/job-view";

const paramsSchema = z.object({ connectionId: z.uuid({ message: "must be a connection id (UUID)" }) });

export const POST = withApiUser<{ connectionId: string }>(async ({ user, params }) => {
  const { connectionId } = paramsSchema.parse(params);
  const db = await getDb();
  await getConnectionOrThrow(db, { userId: user.id, connectionId });
  const { job, isNew } = await enqueueConnectionSync(db, { userId: user.id, connectionId, reason: "manual" });
  return Response.json({ job: toJobView(job), isNew }, { status: 202 });
});
