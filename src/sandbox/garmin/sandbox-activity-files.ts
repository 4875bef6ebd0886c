import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sandboxAccount, sandboxCredentials } from "@/sandbox/accounts";
import type { SandboxRoute } from "@/sandbox/types";
import { fileResponse, findSyntheticWorkout, syntheticFitFile } from "@/sandbox/workout-files";
import { garminDeliveryStore } from "./sandbox-delivery-store";
import { API_HOST, authenticatedGet, badRequest, type GarminAuthenticate } from "./sandbox-request";
import { garminUploadedSummaries } from "./sandbox-summaries";

// Garmin's Activity Files (ping only): after an activity uploads, an activityFiles ping names
// its FIT by a callbackURL that works for 24 hours and once (then 410). The URL's token is an
// HMAC over whose file and when it was issued, so the sandbox checks it without remembering
// every ping; the files served are remembered, for "once".

const PATH = "/wellness-api/rest/activityFile";
const CALLBACK_TTL_S = 86_400;
// What a Forerunner 965 writes in file_id.
const DEVICE = { manufacturer: "garmin", product: 4315, serialNumber: 3_412_001_234 } as const;

const secondsOf = (date: Date) => Math.floor(date.getTime() / 1000);

function fileToken(account: string, activityId: string, nonce: string): string {
  const mac = createHmac("sha256", sandboxCredentials("garmin").clientSecret)
    .update(`${account}:activityFile:${activityId}:${nonce}`)
    .digest("hex")
    .slice(0, 32);
  return `${nonce}.${mac}`;
}

/** The callbackURL an activityFiles ping carries for one activity, issued at `issuedAt` (the sandbox's clock). */
export function activityFileUrl(account: string, activityId: number, issuedAt: Date): string {
  const nonce = `${secondsOf(issuedAt).toString(36)}-${randomBytes(6).toString("hex")}`;
  return `https://${API_HOST}${PATH}?id=${activityId}&token=${fileToken(account, String(activityId), nonce)}`;
}

/** The activityFiles entries of a ping: one FIT per activity uploaded in [start, end). */
export function activityFileEntries(account: string, start: number, end: number, issuedAt: Date, now?: Date) {
  const userId = sandboxAccount("garmin", account).uuid;
  return garminUploadedSummaries("activities", account, start, end, now).map(({ summary }) => ({
    userId,
    summaryId: `${String(summary.summaryId)}-file`,
    activityId: summary.activityId,
    activityName: summary.activityName,
    activityType: summary.activityType,
    fileType: "FIT",
    startTimeInSeconds: summary.startTimeInSeconds,
    callbackURL: activityFileUrl(account, Number(summary.activityId), issuedAt),
  }));
}

const gone = (errorMessage: string) => Response.json({ errorMessage }, { status: 410 });

/** GET /wellness-api/rest/activityFile?id&token: the FIT, with the person's credentials, within 24 h, once. */
export const activityFileRoute = (authenticate: GarminAuthenticate): SandboxRoute =>
  authenticatedGet(PATH, authenticate, (request, auth) => {
    const [id, token] = [request.url.searchParams.get("id") ?? "", request.url.searchParams.get("token") ?? ""];
    const expected = fileToken(auth.account, id, token.split(".")[0] ?? "");
    if (
      !/^\d+$/.test(id) ||
      token.length !== expected.length ||
      !timingSafeEqual(Buffer.from(token), Buffer.from(expected))
    )
      return badRequest("Invalid activity file token");
    const issuedAt = parseInt(token.split("-")[0] ?? "", 36);
    if (!Number.isFinite(issuedAt) || Date.now() / 1000 > issuedAt + CALLBACK_TTL_S)
      return gone("The callback URL has expired");
    const store = garminDeliveryStore(request.state);
    if (store.activityFilesFetched.includes(request.url.href)) return gone("The callback URL has been used");
    const workout = findSyntheticWorkout("garmin", auth.account, (candidate) => String(candidate.id) === id);
    if (!workout) return Response.json({ errorMessage: "No such activity file" }, { status: 404 });
    store.activityFilesFetched.push(request.url.href);
    return fileResponse(syntheticFitFile("garmin", workout, DEVICE), "application/octet-stream");
  });
