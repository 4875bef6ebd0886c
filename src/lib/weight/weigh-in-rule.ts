import type { SyncStatus } from "@/lib/db/schema";

// When a weigh-in that a provider sends again changes the stored row. Scales and apps round
// between kg, lb and grams differently, so a difference of a gram or ten is noise, not an
// edit; rewriting for it would only mark the row for forwarding again.

/** A weigh-in's weight must move by more than this to be rewritten (exactly this is noise). */
export const WEIGHT_TOLERANCE_KG = 0.01;

// Compared in milligrams, rounded: 80.01 - 80.00 is 0.010000000000005116 in floating point,
// which must count as exactly 0.01.
const milligrams = (kg: number) => Math.round(kg * 1_000_000);

/** Whether two weights differ by more than `toleranceKg` (a missing one differs from any number). */
export function differsByMoreThan(a: number | null, b: number | null, toleranceKg: number): boolean {
  if (a === null || b === null) return a !== b;
  return Math.abs(milligrams(a) - milligrams(b)) > milligrams(toleranceKg);
}

/** Body mass index, kg/m², to two decimals; null without both numbers. */
export function computeBmi(weightKg: number | null, heightM: number | null): number | null {
  if (weightKg === null || heightM === null || !(heightM > 0)) return null;
  return Math.round((weightKg / (heightM * heightM)) * 100) / 100;
}

export interface StoredWeighIn {
  externalId: string | null;
  weightKg: number | null;
  bmi: number | null;
  bodyFatPercent: number | null;
  syncStatus: SyncStatus;
}

export interface IncomingWeighIn {
  externalId: string;
  weightKg: number | null;
  /** The source's own BMI; null when it gives none (Google Health never does). */
  bmi: number | null;
  bodyFatPercent: number | null;
}

export type WeighInWrite =
  | { action: "insert"; row: Omit<StoredWeighIn, "externalId"> }
  | { action: "update"; row: StoredWeighIn }
  | { action: "unchanged" };

/**
 * What to do with a weigh-in the provider sent, given the row stored for it (found by its id,
 * else by its time). An existing row is rewritten only when the weight moved by more than
 * WEIGHT_TOLERANCE_KG, its BMI was missing and can now be given, body fat arrived or changed,
 * or it is adopting this id. BMI comes from the source, else from `heightM`. A new weigh-in, or
 * one whose weight or BMI changed, waits to be forwarded (pending); otherwise the status stays.
 */
export function decideWeighIn(
  stored: StoredWeighIn | undefined,
  incoming: IncomingWeighIn,
  heightM: number | null,
): WeighInWrite {
  if (!stored) {
    const bmi = incoming.bmi ?? computeBmi(incoming.weightKg, heightM);
    return {
      action: "insert",
      row: { weightKg: incoming.weightKg, bmi, bodyFatPercent: incoming.bodyFatPercent, syncStatus: "pending" },
    };
  }
  const isWeightChanged =
    incoming.weightKg !== null && differsByMoreThan(stored.weightKg, incoming.weightKg, WEIGHT_TOLERANCE_KG);
  const weightKg = isWeightChanged ? incoming.weightKg : stored.weightKg;
  const offeredBmi = incoming.bmi ?? computeBmi(weightKg, heightM);
  // A changed weight takes the BMI that goes with it (none, rather than the old weight's);
  // otherwise a stored BMI stays.
  const bmi = isWeightChanged ? offeredBmi : (stored.bmi ?? offeredBmi);
  const isBmiFilled = stored.bmi === null && bmi !== null;
  const isBodyFatChanged =
    incoming.bodyFatPercent !== null && differsByMoreThan(stored.bodyFatPercent, incoming.bodyFatPercent, 0);
  const isIdAdopted = stored.externalId !== incoming.externalId;
  if (!isWeightChanged && !isBmiFilled && !isBodyFatChanged && !isIdAdopted) return { action: "unchanged" };
  return {
    action: "update",
    row: {
      externalId: incoming.externalId,
      weightKg,
      bmi,
      bodyFatPercent: isBodyFatChanged ? incoming.bodyFatPercent : stored.bodyFatPercent,
      syncStatus: isWeightChanged || isBmiFilled ? "pending" : stored.syncStatus,
    },
  };
}
