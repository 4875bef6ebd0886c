// GET /api/jobs/:id — a sync job's status, progress, counts and error.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getUserJobOrThrow } from "@/lib/db/queries/sync-jobs";
import { withApiUser } from "@/lib/http/with-api-user";
import { toJobView } from "@/lib/jobs/job-view";

const paramsSchema = z.object({ id: z.uuid({ message: "must be a job id (UUID)" }) });

export const GET = withApiUser<{ id: string }>(
  async ({ user, params }) => {
    const { id } = paramsSchema.parse(params);
    const job = await getUserJobOrThrow(await getDb(), { userId: user.id, jobId: id });
    return Response.json({ job: toJobView(job) }, { headers: { "cache-control": "no-store" } });
  },
  // Scripts that start a job with an API key follow it with the same key.
  { apiKeyScope: "read" },
);
