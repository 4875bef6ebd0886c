// POST /api/garmin/login/mfa — the verification code Garmin sent, finishing a sign-in that answered 202.
import { getDb } from "@/lib/db";
import { handleCredentialRequest } from "@/lib/http/credential-routes";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleCredentialRequest(await getDb(), request, { family: "garmin", action: "mfa" });
}
