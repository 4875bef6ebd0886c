// POST /api/sync/fitbit/weight — walk Fitbit's weigh-ins ({"scope":"30d"|"all"}) in a job; GET /api/jobs/:id follows it.
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withApiUser } from "@/lib/http/with-api-user";
import { toJobView } from "@/lib/jobs/job-view";
import { startWeightSync, startWeightSyncSchema } from "@/lib/weight/start-weight-sync";

export const POST = withApiUser(
  async ({ request, user }) => {
    const body = startWeightSyncSchema.parse(await readJsonBody(request));
    const { job, isNew } = await startWeightSync(await getDb(), { ...body, userId: user.id, provider: "fitbit" });
    return Response.json({ job: toJobView(job), isNew }, { status: 202 });
  },
  { apiKeyScope: "write" },
);
