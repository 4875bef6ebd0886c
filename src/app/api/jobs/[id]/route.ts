// GET /api/jobs/:id — a sync job's status, progress, counts and error.
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getUserJobOrThrow } from "@/lib/db/queries/sync-jobs";
import { errorResponse } from "@/lib/http/error-response";
import { requireApiUser } from "@/lib/http/require-api-user";
import { toJobView } from "@/lib/jobs/job-view";

const paramsSchema = z.object({ id: z.uuid({ message: "must be a job id (UUID)" }) });

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const user = await requireApiUser();
    const { id } = paramsSchema.parse(await context.params);
    const job = await getUserJobOrThrow(await getDb(), { userId: user.id, jobId: id });
    return Response.json({ job: toJobView(job) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
