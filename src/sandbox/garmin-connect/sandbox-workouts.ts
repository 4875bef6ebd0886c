import type { SandboxState } from "@/sandbox/state";
import type { HttpMethod, SandboxRequest, SandboxRoute } from "@/sandbox/types";
import { connectProfile, domainOfHost, providerOf } from "./sandbox-store";
import { connectWorkoutProblem, connectWorkoutSchema, type ConnectWorkoutJson } from "./sandbox-workouts-schema";

// Garmin Connect's workout library and calendar, as the Connect app uses them
// (shared/providers/garmin.md B4): POST /workout-service/workout stores a workout and answers
// it with its workoutId; GET, PUT and DELETE /workout-service/workout/{id};
// POST /workout-service/schedule/{workoutId} with {"date"} puts it on a day and answers the
// entry (workoutScheduleId, calendarDate); GET and DELETE /workout-service/schedule/{id}.
// Mounted by the Garmin Connect simulator on each region's API host, behind its token check; a
// workout or calendar entry belongs to the host and login that made it.

export interface StoredConnectWorkout {
  host: string;
  login: string;
  workout: ConnectWorkoutJson & { workoutId: number; ownerId: number };
}

export interface StoredConnectSchedule {
  host: string;
  login: string;
  workoutScheduleId: number;
  workoutId: number;
  calendarDate: string;
}

export interface ConnectWorkoutStore {
  workouts: Map<number, StoredConnectWorkout>;
  schedules: Map<number, StoredConnectSchedule>;
  nextId: number;
}

const stores = new WeakMap<SandboxState, ConnectWorkoutStore>();

export function connectWorkoutStore(state: SandboxState): ConnectWorkoutStore {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = { workouts: new Map(), schedules: new Map(), nextId: 1_200_000_001 }));
  return store;
}

/** Who a request is from, as the Connect simulator's token check says: the login, or its 401. */
export type ConnectAuthenticate = (request: SandboxRequest) => string | Response;

const badRequest = (message: string) => Response.json({ message, error: "BadRequestException" }, { status: 400 });
const notFound = () => Response.json({ message: "Not Found", error: "NotFoundException" }, { status: 404 });
const isCalendarDate = (value: unknown): value is string =>
  typeof value === "string" &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const connectTimestamp = () => new Date().toISOString().slice(0, 21);

type Caller = { host: string; login: string };

async function readWorkout(request: SandboxRequest): Promise<ConnectWorkoutJson | Response> {
  const parsed = connectWorkoutSchema.safeParse(await request.request.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return badRequest(`Invalid workout: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
  }
  const problem = connectWorkoutProblem(parsed.data);
  return problem ? badRequest(`Invalid workout: ${problem}`) : parsed.data;
}

export function connectWorkoutRoutes(host: string, authenticate: ConnectAuthenticate): SandboxRoute[] {
  const route = (
    method: HttpMethod,
    path: string,
    handle: (request: SandboxRequest, caller: Caller) => Response | Promise<Response>,
  ): SandboxRoute => ({
    method,
    host,
    path,
    handle(request) {
      request.state.record({ provider: providerOf(domainOfHost(host)), method, path });
      const login = authenticate(request);
      return login instanceof Response ? login : handle(request, { host, login });
    },
  });
  const ownWorkout = (request: SandboxRequest, caller: Caller) => {
    const stored = connectWorkoutStore(request.state).workouts.get(Number(request.params.workoutId));
    return stored?.host === caller.host && stored.login === caller.login ? stored : undefined;
  };
  const ownSchedule = (request: SandboxRequest, caller: Caller) => {
    const entry = connectWorkoutStore(request.state).schedules.get(Number(request.params.scheduleId));
    return entry?.host === caller.host && entry.login === caller.login ? entry : undefined;
  };
  const scheduleView = (entry: StoredConnectSchedule, workout?: StoredConnectWorkout) => ({
    workoutScheduleId: entry.workoutScheduleId,
    workout: { workoutId: entry.workoutId, workoutName: workout?.workout.workoutName ?? null },
    calendarDate: entry.calendarDate,
    ownerId: workout?.workout.ownerId ?? null,
  });

  return [
    route("POST", "/workout-service/workout", async (request, caller) => {
      const workout = await readWorkout(request);
      if (workout instanceof Response) return workout;
      const store = connectWorkoutStore(request.state);
      const stored = {
        ...workout,
        workoutId: store.nextId++,
        ownerId: connectProfile(domainOfHost(caller.host), caller.login).profileId,
        createdDate: connectTimestamp(),
        updatedDate: connectTimestamp(),
      };
      store.workouts.set(stored.workoutId, { ...caller, workout: stored });
      return Response.json(stored);
    }),
    route("GET", "/workout-service/workout/:workoutId", (request, caller) => {
      const stored = ownWorkout(request, caller);
      return stored ? Response.json(stored.workout) : notFound();
    }),
    route("PUT", "/workout-service/workout/:workoutId", async (request, caller) => {
      const stored = ownWorkout(request, caller);
      if (!stored) return notFound();
      const workout = await readWorkout(request);
      if (workout instanceof Response) return workout;
      if (workout.workoutId !== stored.workout.workoutId)
        return badRequest("Invalid workout: workoutId must match the workout being updated");
      stored.workout = {
        ...workout,
        workoutId: stored.workout.workoutId,
        ownerId: stored.workout.ownerId,
        updatedDate: connectTimestamp(),
      };
      return new Response(null, { status: 204 });
    }),
    route("DELETE", "/workout-service/workout/:workoutId", (request, caller) => {
      const stored = ownWorkout(request, caller);
      if (!stored) return notFound();
      const store = connectWorkoutStore(request.state);
      store.workouts.delete(stored.workout.workoutId);
      for (const [id, entry] of store.schedules)
        if (entry.workoutId === stored.workout.workoutId) store.schedules.delete(id);
      return new Response(null, { status: 204 });
    }),
    route("POST", "/workout-service/schedule/:workoutId", async (request, caller) => {
      const workout = ownWorkout(request, caller);
      if (!workout) return notFound();
      const body = (await request.request.json().catch(() => undefined)) as { date?: unknown } | undefined;
      if (!isCalendarDate(body?.date)) return badRequest("date is required as YYYY-MM-DD");
      const store = connectWorkoutStore(request.state);
      const entry = {
        ...caller,
        workoutScheduleId: store.nextId++,
        workoutId: workout.workout.workoutId,
        calendarDate: body.date,
      };
      store.schedules.set(entry.workoutScheduleId, entry);
      return Response.json(scheduleView(entry, workout));
    }),
    route("GET", "/workout-service/schedule/:scheduleId", (request, caller) => {
      const entry = ownSchedule(request, caller);
      return entry
        ? Response.json(scheduleView(entry, connectWorkoutStore(request.state).workouts.get(entry.workoutId)))
        : notFound();
    }),
    route("DELETE", "/workout-service/schedule/:scheduleId", (request, caller) => {
      const entry = ownSchedule(request, caller);
      if (!entry) return notFound();
      connectWorkoutStore(request.state).schedules.delete(entry.workoutScheduleId);
      return new Response(null, { status: 204 });
    }),
  ];
}
