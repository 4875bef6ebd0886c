import { z } from "zod";
import type { Database } from "@/lib/db";
import { findSourcePriorities } from "@/lib/db/queries/source-priorities";
import { readJsonBody } from "@/lib/http/json-body";
import { withApiCaller } from "@/lib/http/with-api-user";
import { SPORT_FAMILIES } from "@/lib/activity/sport-family";
import { joinActivities, splitActivity } from "./edit-links";
import { ANY_SPORT, DEFAULT_SOURCE_ORDER } from "./priorities";
import { setSourceOrder } from "./source-order";
import { getActivityLinks } from "./view";

// The handlers behind /api/activities/…/links and /api/activities/source-order, built around
// the database they use so tests can serve them on their own.

const activityId = z.uuid({ message: "must be an activity id (UUID)" });
const idSchema = z.object({ id: activityId });
export const joinSchema = z.object({ activityId, otherActivityId: activityId });
export const splitSchema = z.object({ activityId });
export const sourceOrderSchema = z.object({
  sport: z.enum([ANY_SPORT, ...Object.keys(SPORT_FAMILIES)] as [string, ...string[]], {
    message: `must be "${ANY_SPORT}" or a sport family (${Object.keys(SPORT_FAMILIES).join(", ")})`,
  }),
  providers: z.array(z.string().regex(/^[a-z0-9_]{1,40}$/, "must be source slugs")).max(30),
});
const noStore = { "cache-control": "no-store" };

export function activityLinkRoutes(deps: { getDb?: () => Promise<Database> } = {}) {
  // Reading links takes a `read` key; making, splitting and ordering them a `write` key.
  const read = <Params extends object = object>(handler: Parameters<typeof withApiCaller<Params>>[0]) =>
    withApiCaller<Params>(handler, { getDb: deps.getDb, scope: "read" });
  const write = <Params extends object = object>(handler: Parameters<typeof withApiCaller<Params>>[0]) =>
    withApiCaller<Params>(handler, { getDb: deps.getDb, scope: "write" });
  const linksOf = (db: Database, userId: string, id: string) =>
    getActivityLinks(db, { userId, activityId: id }).then((links) => Response.json({ links }, { headers: noStore }));

  return {
    get: read<{ id: string }>(async ({ db, userId, params }) => linksOf(db, userId, idSchema.parse(params).id)),

    join: write(async ({ db, userId, request }) => {
      const input = joinSchema.parse(await readJsonBody(request));
      await joinActivities(db, { userId, ...input });
      return linksOf(db, userId, input.activityId);
    }),

    split: write(async ({ db, userId, request }) => {
      const input = splitSchema.parse(await readJsonBody(request));
      await splitActivity(db, { userId, activityId: input.activityId });
      return linksOf(db, userId, input.activityId);
    }),

    getSourceOrder: read(async ({ db, userId }) => {
      const saved = await findSourcePriorities(db, { userId });
      return Response.json({ default: DEFAULT_SOURCE_ORDER, sports: Object.fromEntries(saved) }, { headers: noStore });
    }),

    putSourceOrder: write(async ({ db, userId, request }) => {
      const input = sourceOrderSchema.parse(await readJsonBody(request));
      await setSourceOrder(db, { userId, ...input });
      return Response.json({ sports: Object.fromEntries(await findSourcePriorities(db, { userId })) });
    }),
  };
}
