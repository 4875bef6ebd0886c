import { AppError } from "@/lib/errors";
import { CredentialLoginError } from "../credential-errors";
import { envelopeSchema, HUB_OK, HUB_TOKEN_REFUSED } from "./schemas";

// Training Hub answers everything with HTTP 200 and a result code; the web app at t.coros.com is
// the only client it expects, so requests say they come from it.

export const HUB_HEADERS: Record<string, string> = {
  origin: "https://t.coros.com",
  referer: "https://t.coros.com/",
  "user-agent":
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

/** Some endpoints answer 1001 unless the user id rides along as yfheader (coros.md B2). */
export const userHeader = (userId: string) => ({ yfheader: JSON.stringify({ userId }) });

/** `data` of a successful answer; a 429/403 is a block, any other result the message COROS gave. */
export async function readHub(response: Response, what: string): Promise<unknown> {
  if (response.status === 429 || response.status === 403) {
    await response.body?.cancel();
    throw new CredentialLoginError("blocked", `COROS answered HTTP ${response.status} to ${what}.`, response.status);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError("PROVIDER_UNAVAILABLE", `COROS ${what} answered HTTP ${response.status}.`);
  }
  const envelope = envelopeSchema.parse(await response.json());
  if (envelope.result === HUB_OK) return envelope.data;
  if (HUB_TOKEN_REFUSED.has(envelope.result))
    throw new AppError("PROVIDER_AUTH_EXPIRED", `COROS no longer accepts this sign-in (result ${envelope.result}).`);
  throw new AppError(
    "PROVIDER_UNAVAILABLE",
    `COROS ${what} answered result ${envelope.result}: ${envelope.message ?? ""}`.trim(),
  );
}
