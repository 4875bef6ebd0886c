import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import type { SyntheticWorkout } from "@/sandbox/synthetic";
import { fileResponse, findSyntheticWorkout, syntheticFitFile } from "@/sandbox/workout-files";

// COROS hands out each workout's FIT as a plain URL on its file host (fitUrl, oss.coros.com),
// fetched with no credentials at all. The sandbox's URL names the account in its folder, so it
// can find the workout without a token.

const FILE_HOST = "oss.coros.com";
// What a COROS PACE 3 writes in file_id.
const DEVICE = { manufacturer: "coros", product: 0, serialNumber: 1_310_009_876 } as const;

/** 18 digits, past Number.MAX_SAFE_INTEGER like COROS's own label ids. */
export const corosLabelId = (workout: SyntheticWorkout) => `40${String(workout.id).padStart(16, "0")}`;

export const corosFitUrl = (login: string, labelId: string) =>
  `https://${FILE_HOST}/fit/${Buffer.from(login).toString("base64url")}/${labelId}.fit`;

function getFit(request: SandboxRequest): Response {
  request.state.record({ provider: "coros", method: "GET", path: "/fit" });
  // An object store takes its own signatures only; a Bearer token is a malformed request to it.
  if (request.request.headers.has("authorization"))
    return new Response(
      "<Error><Code>InvalidArgument</Code><Message>Unsupported Authorization Type</Message></Error>",
      {
        status: 400,
      },
    );
  const login = Buffer.from(request.params.folder ?? "", "base64url").toString();
  const labelId = (request.params.file ?? "").replace(/\.fit$/, "");
  const workout = login
    ? findSyntheticWorkout("coros", login, (candidate) => corosLabelId(candidate) === labelId)
    : undefined;
  // An object store's answer for a missing key.
  if (!workout) return new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 });
  return fileResponse(syntheticFitFile("coros", workout, DEVICE), "application/octet-stream");
}

export const corosFileRoute: SandboxRoute = {
  method: "GET",
  host: FILE_HOST,
  path: "/fit/:folder/:file",
  handle: getFit,
};
