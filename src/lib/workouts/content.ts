import { createHash } from "node:crypto";
import type { WorkoutPlan } from "@/lib/db/schema";
import type { WorkoutContent } from "./plan-types";

export const contentOf = (plan: WorkoutPlan): WorkoutContent => ({
  name: plan.name,
  sport: plan.sport,
  description: plan.description,
  steps: plan.steps,
});

/** Tells an unchanged plan from an edited one, so a second push does not rewrite what the provider holds. */
export const contentHashOf = (content: WorkoutContent): string =>
  createHash("sha256").update(JSON.stringify(content)).digest("hex");
