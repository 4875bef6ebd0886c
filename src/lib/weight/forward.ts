import { z } from "zod";
import { openConnectionFetch } from "@/lib/connections/connection-fetch";
import type { Database } from "@/lib/db";
import { listConnections } from "@/lib/db/queries/connections";
import { findForwardableWeighIns, recordForwardOutcomes } from "@/lib/db/queries/weigh-ins";
import type { ProviderConnection } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { CREDENTIAL_PROVIDERS } from "@/lib/providers/credential-index";
import { findSource } from "@/lib/providers/sources";
import type { WeightDestination } from "@/lib/providers/weight-types";
import { compareWeights, compareWeightsSchema } from "./compare-weights";

export const forwardWeightsSchema = compareWeightsSchema.and(
  z.object({
    // Only needed when two accounts of the destination that accept weight are linked.
    destinationConnectionId: z.uuid({ error: "must be a connection id (UUID)" }).optional(),
  }),
);

export interface ForwardResult {
  destinationConnectionId: string;
  /** Weigh-ins the destination took (now synced). */
  forwarded: number;
  /** Weigh-ins it refused (now failed), with its words. */
  failed: Array<{ date: string; message: string }>;
}

/**
 * Where weigh-ins can go instead, when B is an official API that takes none (Garmin's Health API
 * is read-only): the accounts of its family linked by password that do.
 */
function alternativeOf(sourceB: string): string {
  const others = CREDENTIAL_PROVIDERS.filter((source) => source.family === sourceB && source.weightDestination);
  return others.length
    ? ` ${others[0]!.name} accounts linked with a password do: link one, then compare with ${others[0]!.name}.`
    : "";
}

/** The person's linked accounts of `provider` that take weigh-ins, with how. */
export async function findWeightDestinations(
  db: Database,
  params: { userId: string; provider: string },
): Promise<Array<{ connection: ProviderConnection; destination: WeightDestination }>> {
  const destination = findSource(params.provider)?.weightDestination;
  if (!destination) return [];
  const linked = await listConnections(db, { userId: params.userId });
  return linked
    .filter((connection) => connection.provider === params.provider && destination.accepts(connection))
    .map((connection) => ({ connection, destination }));
}

/**
 * Forwards the weigh-ins source A has on days source B lacks (the comparison's "only in A")
 * to the person's linked account of source B, one weigh-in a day (the day's first), and marks
 * each synced or failed. Refuses with 409 when no linked account of B accepts weight, before
 * anything is read or sent; 400 naming destinationConnectionId when two do and none was named.
 * Days whose weights merely differ are left alone: which scale is right is the person's call.
 */
export async function forwardMissingWeights(
  db: Database,
  params: { userId: string; timeZone: string; input: unknown; appUrl?: string },
): Promise<ForwardResult> {
  const input = forwardWeightsSchema.parse(params.input);
  const destinations = (await findWeightDestinations(db, { userId: params.userId, provider: input.sourceB })).filter(
    ({ connection }) => !input.destinationConnectionId || connection.id === input.destinationConnectionId,
  );
  if (!destinations.length)
    throw new AppError(
      "CONFLICT",
      `No destination that accepts weight is linked: no ${findSource(input.sourceB)?.name ?? input.sourceB} account of yours takes weigh-ins.${alternativeOf(input.sourceB)}`,
      { sourceB: input.sourceB },
    );
  if (destinations.length > 1)
    throw new AppError("INVALID_INPUT", "destinationConnectionId: several linked accounts accept weight; say which.", {
      field: "destinationConnectionId",
    });
  const { connection, destination } = destinations[0]!;

  const comparison = await compareWeights(db, { userId: params.userId, timeZone: params.timeZone, input });
  const dates = new Map(comparison.onlyInA.map((day) => [day.id, day.date]));
  // Weigh-ins forwarded before are left out (until changed: an edit makes one pending again), so
  // a second forward before B's next sync sends nothing twice.
  const weighIns = await findForwardableWeighIns(db, { userId: params.userId, ids: [...dates.keys()] });
  if (!weighIns.length) return { destinationConnectionId: connection.id, forwarded: 0, failed: [] };
  const { fetch } = await openConnectionFetch(db, connection, { appUrl: params.appUrl });
  const outcomes = await destination.upload(fetch, { weighIns, timeZone: params.timeZone });
  await recordForwardOutcomes(db, { userId: params.userId, outcomes });
  return {
    destinationConnectionId: connection.id,
    forwarded: outcomes.filter((outcome) => outcome.isAccepted).length,
    failed: outcomes.flatMap((outcome) =>
      outcome.isAccepted ? [] : [{ date: dates.get(outcome.id) ?? "", message: outcome.message }],
    ),
  };
}
