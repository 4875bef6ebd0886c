import { z } from "zod";
import { syntheticDays } from "@/sandbox/synthetic";
import type { SandboxRequest, SandboxRoute } from "@/sandbox/types";
import type { SandboxState } from "@/sandbox/state";
import { api, type Caller } from "./sandbox-api";
import { providerOf, type GarminDomain } from "./sandbox-store";

// Garmin Connect's weight service: GET /weight-service/weight/dateRange lists an account's
// weigh-ins (the sync reads it), POST /weight-service/user-weight adds one as the Connect app and
// python-garminconnect's add_weigh_in do: {dateTimestamp, gmtTimestamp, unitKey, value}, answered
// 204 No Content. Every POST is a new weigh-in, even at an instant the account already has one.
// What Connect refuses is not documented; this simulator refuses what could not be a weigh-in
// (a missing or malformed field, a unit other than kg or lbs, a weight out of range, local and
// GMT times further apart than any zone) with 400 and the field's name.

export interface StoredConnectWeighIn {
  domain: GarminDomain;
  login: string;
  samplePk: number;
  /** Epoch milliseconds (GMT). */
  at: number;
  /** The local calendar day it is filed under. */
  calendarDate: string;
  grams: number;
  sourceType: string;
}

const stores = new WeakMap<SandboxState, StoredConnectWeighIn[]>();

/** The weigh-ins added through the API (the synthetic scale's are not stored). */
export function connectWeighIns(state: SandboxState): StoredConnectWeighIn[] {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = []));
  return store;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const badRequest = (message: string) => Response.json({ message, error: "BadRequestException" }, { status: 400 });
const GRAMS_PER_POUND = 453.59237;
const MAX_ZONE_MS = 14 * 3_600_000;

/** A zone-less local or GMT time as Connect writes them: "2026-07-01T07:10:42.00". */
const connectTimestamp = z
  .string({ error: "is required (YYYY-MM-DDTHH:MM:SS.00)" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/, { error: "must look like 2026-07-01T07:10:42.00" })
  .refine((text) => epochOf(text) !== null, { error: "is not a real date and time" });

function epochOf(text: string): number | null {
  const at = Date.parse(`${text.slice(0, 19)}Z`);
  // Date.parse rolls 2026-02-30 over to March; a real date reads back the same.
  return Number.isNaN(at) || new Date(at).toISOString().slice(0, 19) !== text.slice(0, 19) ? null : at;
}

const userWeightSchema = z
  .looseObject({
    dateTimestamp: connectTimestamp,
    gmtTimestamp: connectTimestamp,
    unitKey: z.enum(["kg", "lbs"], { error: "must be kg or lbs" }),
    value: z.number({ error: "must be a number" }).positive({ error: "must be more than 0" }),
    sourceType: z.string().optional(),
  })
  .superRefine((body, context) => {
    const kg = body.unitKey === "kg" ? body.value : (body.value * GRAMS_PER_POUND) / 1000;
    if (kg > 500) context.addIssue({ code: "custom", path: ["value"], message: "must be at most 500 kg" });
    const gap = epochOf(body.dateTimestamp)! - epochOf(body.gmtTimestamp)!;
    if (Math.abs(gap) > MAX_ZONE_MS)
      context.addIssue({
        code: "custom",
        path: ["dateTimestamp"],
        message: "must be within 14 hours of gmtTimestamp (it is the same instant on the local clock)",
      });
  });

async function addWeighIn(request: SandboxRequest, caller: Caller) {
  const parsed = userWeightSchema.safeParse(await request.request.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return badRequest(`Invalid weight: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
  }
  const body = parsed.data;
  const store = connectWeighIns(request.state);
  store.push({
    domain: caller.domain,
    login: caller.login,
    samplePk: 1_700_000_000_000 + store.length,
    at: epochOf(body.gmtTimestamp)!,
    calendarDate: body.dateTimestamp.slice(0, 10),
    grams: Math.round(body.unitKey === "kg" ? body.value * 1000 : body.value * GRAMS_PER_POUND),
    sourceType: body.sourceType ?? "MANUAL",
  });
  return new Response(null, { status: 204 });
}

/** The synthetic scale's weigh-ins (every third morning at 07:00 local, a drifting weight) and those added. */
function weightRange(request: SandboxRequest, caller: Caller) {
  const [from, to] = [request.url.searchParams.get("startDate") ?? "", request.url.searchParams.get("endDate") ?? ""];
  if (!isoDate.test(from) || !isoDate.test(to) || from > to) return badRequest("startDate and endDate are YYYY-MM-DD.");
  const days = syntheticDays(providerOf(caller.domain), caller.login, from, to).filter(
    (day) => Math.floor(Date.parse(day.localDate) / 86_400_000) % 3 === 0,
  );
  const scale = days.map((day) => {
    const at = Date.parse(`${day.localDate}T07:00:00Z`) - day.utcOffsetSeconds * 1000;
    return {
      samplePk: at,
      date: at,
      calendarDate: day.localDate,
      weight: Math.round(day.weightKg * 1000),
      bmi: Math.round((day.weightKg / 1.78 ** 2) * 10) / 10,
      bodyFat: day.bodyFatPercent,
      bodyWater: null,
      boneMass: null,
      muscleMass: Math.round(day.weightKg * 0.45 * 1000),
      sourceType: "INDEX_SCALE",
      timestampGMT: at,
    };
  });
  const added = connectWeighIns(request.state)
    .filter(
      (held) =>
        held.domain === caller.domain &&
        held.login === caller.login &&
        held.calendarDate >= from &&
        held.calendarDate <= to,
    )
    .map((held) => ({
      samplePk: held.samplePk,
      date: held.at,
      calendarDate: held.calendarDate,
      weight: held.grams,
      bmi: null,
      bodyFat: null,
      bodyWater: null,
      boneMass: null,
      muscleMass: null,
      sourceType: held.sourceType,
      timestampGMT: held.at,
    }));
  return Response.json({
    startDate: from,
    endDate: to,
    dateWeightList: [...scale, ...added].sort((a, b) => a.date - b.date),
    totalAverage: null,
  });
}

export function connectWeightRoutes(host: string): SandboxRoute[] {
  return [
    api(host, "GET", "/weight-service/weight/dateRange", weightRange),
    api(host, "POST", "/weight-service/user-weight", addWeighIn),
  ];
}
