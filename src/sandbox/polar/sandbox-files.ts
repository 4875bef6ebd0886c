import type { SandboxRequest } from "@/sandbox/types";
import { fileResponse, syntheticFitFile } from "@/sandbox/workout-files";
import { authenticateData, polarError, polarExerciseWorkouts } from "./sandbox-data";

// What a Polar Vantage V3 writes in file_id.
const DEVICE = { manufacturer: "polarElectro", product: 0, serialNumber: 2_201_004_321 } as const;

/** GET /v3/exercises/{exerciseId}/fit: the session's FIT, for the exercises Polar still lists (30 days). */
export function getExerciseFit(request: SandboxRequest) {
  const login = authenticateData(request, "/v3/exercises/{exerciseId}/fit");
  if (login instanceof Response) return login;
  const exerciseId = request.params.exerciseId ?? "";
  const workout = polarExerciseWorkouts(login).find(
    (candidate) => candidate.id.toString(36).toUpperCase() === exerciseId,
  );
  if (!workout) return polarError(404, "NOT_FOUND", "Exercise not found.");
  return fileResponse(syntheticFitFile("polar", workout, DEVICE), "application/octet-stream");
}
