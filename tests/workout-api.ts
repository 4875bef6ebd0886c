import { encode } from "next-auth/jwt";
import { afterAll, beforeAll } from "vitest";
import { getAuthSecret } from "@/lib/auth/secret";
import { createApiKey } from "@/lib/db/queries/api-keys";
import type { Database } from "@/lib/db/client";
import type { OpenWorkoutCalendar } from "@/lib/workouts/open-calendar";
import { workoutRoutes } from "@/lib/workouts/routes";
import { createTestUser } from "./factories";
import { serveJsonRoutes } from "./json-route-server";

/**
 * /api/workouts served over HTTP on the suite's database for the file (beforeAll/afterAll).
 * `openCalendar` swaps how a push reaches a destination (a test-local Garmin Connect client).
 */
export function setUpWorkoutApi(
  database: { readonly db: Database },
  options: { openCalendar?: OpenWorkoutCalendar } = {},
) {
  let server: Awaited<ReturnType<typeof serveJsonRoutes>> | undefined;
  beforeAll(async () => {
    const routes = workoutRoutes({ getDb: async () => database.db, openCalendar: options.openCalendar });
    server = await serveJsonRoutes({
      "/api/workouts": { GET: routes.list, POST: routes.create },
      "/api/workouts/:id": { GET: routes.get, PATCH: routes.update, DELETE: routes.remove },
      "/api/workouts/:id/push": { POST: routes.push },
    });
  });
  afterAll(() => server?.close());

  /** A request to the API; a JSON body is sent as JSON, a string as it is. */
  const call = (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) =>
    fetch(`${server!.url}${path}`, {
      method: init.method ?? "GET",
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    });

  /** A new user with an API key, and the headers a script or a signed-in browser sends. */
  async function person() {
    const user = await createTestUser(database.db);
    const { key } = await createApiKey(database.db, { userId: user.id, name: "script", scopes: ["read", "write"] });
    const session = await encode({ token: { sub: user.id, sessionVersion: 0 }, secret: getAuthSecret() });
    return {
      user,
      key: { "x-api-key": key },
      session: { cookie: `next-auth.session-token=${session}` },
    };
  }

  return { call, person };
}
