import { z } from "zod";
import type { SyncStream } from "@/lib/sync/types";
import { getPolarJson, POLAR_API } from "./api";
import { polarPhysicalInfoSchema } from "./schemas";
import { polarInstant, transformPolarPhysicalInfo } from "./transform";

// Polar serves only the current physical info. Its `modified` time dates the weight, so the
// same snapshot read again is the same row; the cursor covers a snapshot with no time at all,
// where an unchanged weight is the measurement already stored.
const cursorSchema = z.object({ weightKg: z.number(), measuredAt: z.iso.datetime() });

export const physicalInfoStream: SyncStream = {
  key: "physical-info",
  dataTypes: ["weight"],
  webhookTypes: ["PHYSICAL_INFORMATION"],
  async fetchPage(context, rawCursor) {
    const last = rawCursor ? cursorSchema.parse(JSON.parse(rawCursor)) : null;
    const body = await getPolarJson(context, `${POLAR_API}/users/physical-info`, "physical info");
    const info = body === null ? null : polarPhysicalInfoSchema.parse(body);
    const weightKg = info?.weight;
    if (!info || !weightKg) return { records: {}, nextCursor: null };
    const stamp = info.modified ?? info.created;
    const measuredAt = stamp
      ? polarInstant(stamp)
      : last?.weightKg === weightKg
        ? new Date(last.measuredAt)
        : context.now;
    return {
      records: { bodyMeasurements: [transformPolarPhysicalInfo({ ...info, weight: weightKg }, measuredAt)] },
      nextCursor: null,
      resumeCursor: JSON.stringify({ weightKg, measuredAt: measuredAt.toISOString() }),
    };
  },
};
