import { z } from "zod";
import { sandboxAccount } from "@/sandbox/accounts";
import type { SandboxRequest, SandboxRoute, HttpMethod } from "@/sandbox/types";
import { GARMIN_PERMISSIONS } from "./sandbox-oauth1";
import { API_HOST, badRequest, type GarminAuthenticate } from "./sandbox-request";
import { trainingWorkoutProblem, trainingWorkoutSchema } from "./sandbox-training-schema";
import { trainingStore } from "./sandbox-training-store";

export { trainingStore } from "./sandbox-training-store";

// Garmin's Training API V2 (shared/providers/garmin.md A9), as partner integrations quote the
// specification: POST /workoutportal/workout/v2 creates, /training-api/workout/v2/{id} reads,
// updates (the body names the same workoutId and its ownerId) and deletes; POST
// /training-api/schedule/ puts a workout on a day and answers the entry's id;
// /training-api/schedule/{id} reads and deletes one, ?startDate&endDate lists a range.
// Writing needs the person's WORKOUT_IMPORT permission: 412 without it. Also the permissions
// themselves: GET /wellness-api/rest/user/permissions.

const WORKOUT_IMPORT = "WORKOUT_IMPORT";
const notFound = (what: string) => Response.json({ errorMessage: `${what} not found` }, { status: 404 });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));
const scheduleSchema = z.strictObject({ workoutId: z.number().int().positive(), date: isoDate });

type Auth = { account: string; scopes?: string[] };
const permissionsOf = (auth: Auth) => (auth.scopes?.length ? auth.scopes : GARMIN_PERMISSIONS);

function route(
  method: HttpMethod,
  path: string,
  authenticate: GarminAuthenticate,
  handle: (request: SandboxRequest, auth: Auth) => Response | Promise<Response>,
  options: { writes?: boolean } = {},
): SandboxRoute {
  return {
    method,
    host: API_HOST,
    path,
    async handle(request) {
      request.state.record({ provider: "garmin", method, path });
      const auth = await authenticate(request);
      if (auth instanceof Response) return auth;
      if (options.writes && !permissionsOf(auth).includes(WORKOUT_IMPORT))
        return Response.json({ errorMessage: `User permission ${WORKOUT_IMPORT} is required` }, { status: 412 });
      return handle(request, auth);
    },
  };
}

/** The JSON body read with `schema`, or Garmin's 400 naming the first thing wrong with it. */
async function readBody<T extends z.ZodType>(request: SandboxRequest, schema: T): Promise<z.infer<T> | Response> {
  const parsed = schema.safeParse(await request.request.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return badRequest(`Invalid request: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
  }
  return parsed.data;
}

async function readWorkout(request: SandboxRequest) {
  const workout = await readBody(request, trainingWorkoutSchema);
  if (workout instanceof Response) return workout;
  const problem = trainingWorkoutProblem(workout);
  return problem ? badRequest(`Invalid workout: ${problem}`) : workout;
}

const ownWorkout = (request: SandboxRequest, auth: Auth) => {
  const stored = trainingStore(request.state).workouts.get(Number(request.params.workoutId));
  return stored?.account === auth.account ? stored : undefined;
};

export function garminTrainingRoutes(authenticate: GarminAuthenticate): SandboxRoute[] {
  const permissions = (prefix: string) =>
    route("GET", `${prefix}/user/permissions`, authenticate, (_request, auth) => Response.json(permissionsOf(auth)));

  const create = route(
    "POST",
    "/workoutportal/workout/v2",
    authenticate,
    async (request, auth) => {
      const workout = await readWorkout(request);
      if (workout instanceof Response) return workout;
      if (workout.workoutId) return badRequest("Invalid workout: workoutId is assigned by Garmin");
      const store = trainingStore(request.state);
      const now = new Date().toISOString().slice(0, 21);
      const stored = {
        ...workout,
        workoutId: store.nextWorkoutId++,
        ownerId: sandboxAccount("garmin", auth.account).numericId,
        createdDate: now,
        updatedDate: now,
      };
      store.workouts.set(stored.workoutId, { account: auth.account, workout: stored });
      return Response.json(stored);
    },
    { writes: true },
  );

  const read = route("GET", "/training-api/workout/v2/:workoutId", authenticate, (request, auth) => {
    const stored = ownWorkout(request, auth);
    return stored ? Response.json(stored.workout) : notFound("Workout");
  });

  const update = route(
    "PUT",
    "/training-api/workout/v2/:workoutId",
    authenticate,
    async (request, auth) => {
      const stored = ownWorkout(request, auth);
      if (!stored) return notFound("Workout");
      const workout = await readWorkout(request);
      if (workout instanceof Response) return workout;
      if (workout.workoutId !== stored.workout.workoutId)
        return badRequest("Invalid workout: workoutId must match the workout being updated");
      if (workout.ownerId !== stored.workout.ownerId) return badRequest("Invalid workout: ownerId is required");
      stored.workout = {
        ...workout,
        workoutId: stored.workout.workoutId,
        ownerId: stored.workout.ownerId,
        createdDate: stored.workout.createdDate,
        updatedDate: new Date().toISOString().slice(0, 21),
      };
      return new Response(null, { status: 204 });
    },
    { writes: true },
  );

  const remove = route(
    "DELETE",
    "/training-api/workout/v2/:workoutId",
    authenticate,
    (request, auth) => {
      const stored = ownWorkout(request, auth);
      if (!stored) return notFound("Workout");
      const store = trainingStore(request.state);
      store.workouts.delete(stored.workout.workoutId);
      // Its calendar entries go with it.
      for (const [id, schedule] of store.schedules)
        if (schedule.workoutId === stored.workout.workoutId) store.schedules.delete(id);
      return new Response(null, { status: 204 });
    },
    { writes: true },
  );

  const schedule = route(
    "POST",
    "/training-api/schedule",
    authenticate,
    async (request, auth) => {
      const body = await readBody(request, scheduleSchema);
      if (body instanceof Response) return body;
      const store = trainingStore(request.state);
      if (store.workouts.get(body.workoutId)?.account !== auth.account) return notFound("Workout");
      const workoutScheduleId = store.nextScheduleId++;
      store.schedules.set(workoutScheduleId, { account: auth.account, workoutScheduleId, ...body });
      return Response.json(workoutScheduleId);
    },
    { writes: true },
  );

  const ownSchedule = (request: SandboxRequest, auth: Auth) => {
    const entry = trainingStore(request.state).schedules.get(Number(request.params.scheduleId));
    return entry?.account === auth.account ? entry : undefined;
  };
  const scheduleView = ({
    workoutScheduleId,
    workoutId,
    date,
  }: {
    workoutScheduleId: number;
    workoutId: number;
    date: string;
  }) => ({
    workoutScheduleId,
    workoutId,
    date,
  });

  const readSchedule = route("GET", "/training-api/schedule/:scheduleId", authenticate, (request, auth) => {
    const entry = ownSchedule(request, auth);
    return entry ? Response.json(scheduleView(entry)) : notFound("Schedule");
  });

  const listSchedules = route("GET", "/training-api/schedule", authenticate, (request, auth) => {
    const [start, end] = [request.url.searchParams.get("startDate"), request.url.searchParams.get("endDate")];
    if (!isoDate.safeParse(start).success || !isoDate.safeParse(end).success)
      return badRequest("startDate and endDate are required as YYYY-MM-DD");
    const entries = [...trainingStore(request.state).schedules.values()].filter(
      (entry) => entry.account === auth.account && entry.date >= start! && entry.date <= end!,
    );
    return Response.json(entries.map(scheduleView));
  });

  const unschedule = route(
    "DELETE",
    "/training-api/schedule/:scheduleId",
    authenticate,
    (request, auth) => {
      const entry = ownSchedule(request, auth);
      if (!entry) return notFound("Schedule");
      trainingStore(request.state).schedules.delete(entry.workoutScheduleId);
      return new Response(null, { status: 204 });
    },
    { writes: true },
  );

  return [
    permissions("/wellness-api/rest"),
    permissions("/partner-gateway/rest"),
    create,
    read,
    update,
    remove,
    schedule,
    listSchedules,
    readSchedule,
    unschedule,
  ];
}
