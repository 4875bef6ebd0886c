// POST /api/sync/forward-weight — send source A's weigh-ins on days source B lacks to B (409 when no linked B account takes weight).
import { getDb } from "@/lib/db";
import { readJsonBody } from "@/lib/http/read-json-body";
import { getServerOrigin } from "@/lib/http/server-origin";
import { withApiUser } from "@/lib/http/with-api-user";
import { forwardMissingWeights } from "@/lib/weight/forward";

export const POST = withApiUser(
  async ({ request, user }) => {
    const result = await forwardMissingWeights(await getDb(), {
      userId: user.id,
      timeZone: user.timeZone,
      input: await readJsonBody(request),
      appUrl: await getServerOrigin(),
    });
    return Response.json(result);
  },
  { apiKeyScope: "write" },
);
