// POST /api/garmin/tokens — link a Garmin Connect account from garth's token files (oauth1_token.json, oauth2_token.json).
import { getDb } from "@/lib/db";
import { handleCredentialRequest } from "@/lib/http/credential-routes";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleCredentialRequest(await getDb(), request, { family: "garmin", action: "tokens" });
}
