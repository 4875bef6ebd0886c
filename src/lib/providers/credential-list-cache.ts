import { z } from "zod";
import { getEnv } from "@/env";

// Password-linked providers meter their activity lists (and block clients that read them too
// often): a list read moments ago is not read again. The caught-up cursor remembers when it was
// read; a run within QT_CREDENTIAL_LIST_TTL_MINUTES of that reads nothing and keeps the cursor.
// The dashboard never asks the provider: it reads what the syncs stored.

const checkedSchema = z.looseObject({ checkedAt: z.iso.datetime().optional() });

export function isListFresh(rawCursor: string | null, now: Date): boolean {
  if (!rawCursor) return false;
  const parsed = checkedSchema.safeParse(JSON.parse(rawCursor));
  if (!parsed.success || !parsed.data.checkedAt) return false;
  return now.getTime() - Date.parse(parsed.data.checkedAt) < getEnv().QT_CREDENTIAL_LIST_TTL_MINUTES * 60_000;
}

/** A caught-up cursor stamped with when the list was read. */
export const checkedCursor = (cursor: Record<string, unknown>, now: Date) =>
  JSON.stringify({ ...cursor, checkedAt: now.toISOString() });
