import type { McpTool } from "../tool-kit";
import { bodyMeasurementsTool } from "./body-measurements";
import { compareSources } from "./compare-sources";
import { dailyMetrics } from "./daily-metrics";
import { getActivity } from "./get-activity";
import { listActivities } from "./list-activities";
import { sleep } from "./sleep";
import { weeklyTrainingSummary } from "./weekly-training-summary";

/**
 * Every tool the MCP server offers, in the order tools/list gives them. Each file is checked
 * against its own input schema (defineTool); the list holds them by their common shape.
 */
export const MCP_TOOLS = [
  listActivities,
  getActivity,
  dailyMetrics,
  sleep,
  bodyMeasurementsTool,
  weeklyTrainingSummary,
  compareSources,
] as unknown as readonly McpTool[];
