import type { WeightHistory } from "../weight-types";
import { GOOGLE_HEALTH_SCOPES as SCOPES } from "./oauth";
import { heightPointSchema, listResponseSchema, weightPointSchema } from "./schemas";
import { listAll } from "./sync-streams";
import { API, HORIZON_DAYS, readGoogleJson } from "./sync-window";
import { transformBody, transformHeight } from "./transform";

/**
 * Fitbit's weigh-ins through Google Health, for "Sync all" back to 2015 (Fitbit's Aria scales
 * and manual logs reach back that far). Google documents no range limit for a list, only
 * pages of up to 10,000; the walk still goes 30 days a window so that each window commits on
 * its own, a stopped job resumes at the window it was in, and progress can be shown.
 */
export const fitbitWeightHistory: WeightHistory = {
  earliestDate: "2015-01-01",
  windowDays: 30,
  horizonDays: HORIZON_DAYS,
  canRead: (tokens) => tokens.scopes.includes(SCOPES.metrics),

  async fetchHeight(context) {
    // Newest first, so the first point is the latest height.
    const url = new URL(`${API}/height/dataPoints`);
    url.searchParams.set("pageSize", "1");
    const page = listResponseSchema(heightPointSchema).parse(
      await readGoogleJson(await context.fetch(url.toString()), "height list"),
    );
    const latest = page.dataPoints[0];
    return latest ? transformHeight(latest) : null;
  },

  async fetchWindow(context, window) {
    const weights = await listAll(context, "weight", "weight.sample_time.civil_time", window, (body) =>
      listResponseSchema(weightPointSchema).parse(body),
    );
    // Weight only: body fat joins the same rows from the regular sync's body stream.
    return transformBody(weights, []);
  },
};
