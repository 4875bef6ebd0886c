// POST /api/webhooks/ingest — Apple Health (Health Auto Export) and Health Connect (HC Webhook) pushes, X-API-Key.
import { getEnv } from "@/env";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { authenticateApiKey } from "@/lib/ingest/authenticate";
import { ingestReceived } from "@/lib/ingest/ingest";
import { receiveBody } from "@/lib/ingest/receive-body";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const db = await getDb();
    const owner = await authenticateApiKey(db, request.headers.get("x-api-key"), { scope: "ingest" });
    if (!owner)
      throw new AppError(
        "UNAUTHORIZED",
        "A valid X-API-Key header is required. Create a key under Settings → API keys.",
      );
    const contentType = request.headers.get("content-type");
    if (!contentType?.toLowerCase().startsWith("application/json")) {
      throw new AppError(
        "UNSUPPORTED_MEDIA_TYPE",
        `Send JSON with Content-Type: application/json (got ${contentType ?? "none"}).`,
      );
    }
    const received = await receiveBody(request, getEnv().INGEST_MAX_BYTES, { limitName: "INGEST_MAX_BYTES" });
    // Health Auto Export sends its automation's aggregation ("days", "hours" …) as a header.
    const aggregation = request.headers.get("automation-aggregation") ?? undefined;
    const outcome = await ingestReceived(db, {
      userId: owner.userId,
      apiKeyId: owner.apiKeyId,
      contentType,
      received,
      options: { aggregation },
    });
    return Response.json(outcome);
  } catch (error) {
    return errorResponse(error);
  }
}
