// POST /api/sync/compare-weight — two sources' weigh-ins over a range: counts, days only one has, days that differ.
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withApiUser } from "@/lib/http/with-api-user";
import { compareWeights } from "@/lib/weight/compare-weights";

export const POST = withApiUser(
  async ({ request, user }) => {
    const comparison = await compareWeights(await getDb(), {
      userId: user.id,
      timeZone: user.timeZone,
      input: await readJsonBody(request),
    });
    return Response.json(comparison);
  },
  { apiKeyScope: "read" },
);
