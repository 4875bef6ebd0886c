import { authenticateBearer } from "@/sandbox/oauth2-server";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { fileResponse, findSyntheticWorkout, syntheticTcxFile } from "@/sandbox/workout-files";
import { GOOGLE_HEALTH_LOCATION_SCOPE, GOOGLE_HEALTH_SCOPES as SCOPES } from "@/lib/providers/fitbit/oauth";
import { apiError, invalidArgument, unauthenticated } from "./sandbox-errors";

// exportExerciseTcx: one workout as TCX bytes (alt=media), for a grant that holds both the
// activity and the location scope (google-health.md §4); only `me`.

const PATH = "/v4/users/me/dataTypes/exercise/dataPoints/{id}:exportExerciseTcx";
const SUFFIX = ":exportExerciseTcx";

function exportExerciseTcx(request: SandboxRequest): Response {
  const auth = authenticateBearer(request, "fitbit", unauthenticated);
  if (auth instanceof Response) return auth;
  if (!auth.scopes.includes(SCOPES.activity) || !auth.scopes.includes(GOOGLE_HEALTH_LOCATION_SCOPE))
    return apiError(
      403,
      "PERMISSION_DENIED",
      "Request had insufficient authentication scopes.",
      "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    );
  if (request.params.user !== "me") return apiError(403, "PERMISSION_DENIED", "The caller does not have permission");
  const point = request.params.point ?? "";
  if (!point.endsWith(SUFFIX)) return apiError(404, "NOT_FOUND", "Method not found.");
  request.state.record({ provider: "fitbit", method: "GET", path: PATH });
  if (request.url.searchParams.get("alt") !== "media")
    return invalidArgument("exportExerciseTcx returns the file only as media: set alt=media.");
  const id = point.slice(0, -SUFFIX.length);
  const workout = findSyntheticWorkout("fitbit", auth.account, (candidate) => String(candidate.id) === id);
  if (!workout) return apiError(404, "NOT_FOUND", `Data point ${id} was not found.`);
  return fileResponse(syntheticTcxFile("fitbit", workout, "Pixel Watch 3"), "application/vnd.garmin.tcx+xml");
}

export const exportTcxRoute: SandboxRoute = {
  method: "GET",
  host: "health.googleapis.com",
  path: "/v4/users/:user/dataTypes/exercise/dataPoints/:point",
  handle: exportExerciseTcx,
};
