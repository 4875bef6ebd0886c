// POST /api/garmin/login — link a Garmin Connect account (global or China) with the person's own username and password.
import { getDb } from "@/lib/db";
import { handleCredentialRequest } from "@/lib/http/credential-routes";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleCredentialRequest(await getDb(), request, { family: "garmin", action: "login" });
}
