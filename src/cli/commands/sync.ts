import { getFileStore } from "@/lib/files";
import { executeForwarding, type RunItem } from "@/lib/forwarding/execute";
import { planForwarding, type PlanItem } from "@/lib/forwarding/plan";
import { stringOption, type Command } from "../command";
import { EXIT_FAILED, EXIT_OK } from "../errors";
import { formatTable } from "../output";
import { parseDateRange, parseTypeList } from "../parse";
import { collectRules } from "../sync-rules";

// Outcomes that leave something for the person to fix; anything else is done or will be retried.
const FAILED_OUTCOMES = new Set<string>(["failed"]);
const BLOCKED_ACTIONS = new Set<string>(["cannot_upload"]);

interface RuleReport {
  source: string;
  destination: string;
  ruleId: string;
  items: Array<PlanItem | RunItem>;
  error?: string;
}

export const syncCommand: Command = {
  name: "sync",
  summary: "forward activities between accounts by the forwarding rules (--dry-run shows the plan)",
  help: `qt sync [--source NAME] [--destination NAME] [--activity-type a,b] [--start-date YYYY-MM-DD] [--end-date YYYY-MM-DD] [--dry-run] [--force] [--json]

  Runs the config's "sync_rules", or (without any) the enabled rules saved in the app for the
  config's users. --source/--destination pick rules; both together with no rule between them run
  that pair once. Types and dates only narrow a rule. Each activity goes to a destination once:
  a second run uploads nothing new. --force sends again what was sent or given up on before.
  --dry-run         print what would happen, change nothing`,
  options: {
    source: { type: "string" },
    destination: { type: "string" },
    "activity-type": { type: "string" },
    "start-date": { type: "string" },
    "end-date": { type: "string" },
    "dry-run": { type: "boolean" },
    force: { type: "boolean" },
  },
  async run(context) {
    const { values, output } = context;
    const isDryRun = values["dry-run"] === true;
    const force = values.force === true;
    const { from, to } = parseDateRange({
      start: stringOption(values, "start-date"),
      end: stringOption(values, "end-date"),
    });
    const selection = {
      source: stringOption(values, "source"),
      destination: stringOption(values, "destination"),
      types: parseTypeList(stringOption(values, "activity-type")),
      from,
      to,
    };
    const db = await context.db();
    const rules = await collectRules(db, context.config, selection);

    const reports: RuleReport[] = [];
    for (const { rule, source, destination } of rules) {
      const report: RuleReport = { source, destination, ruleId: rule.id, items: [] };
      reports.push(report);
      try {
        const plan = await planForwarding(db, { rule, force });
        output.verbose(`${source} -> ${destination}: ${plan.items.length} activities in range.`);
        if (isDryRun) {
          report.items = plan.items;
          continue;
        }
        const progress = output.progress(`${source} -> ${destination}`);
        report.items = await executeForwarding(db, plan, {
          store: getFileStore(),
          onProgress: async (done, total) => progress.update(done, total),
        });
        progress.done();
      } catch (error) {
        report.error = error instanceof Error ? error.message : String(error);
      }
    }

    // A dry run fails only when it could not plan; a real run also when an upload failed or cannot be made.
    const hasFailed = reports.some(
      (report) =>
        report.error ||
        (!isDryRun &&
          report.items.some(
            (item) => ("outcome" in item && FAILED_OUTCOMES.has(item.outcome)) || BLOCKED_ACTIONS.has(item.action),
          )),
    );
    if (context.isJson) output.json({ dryRun: isDryRun, rules: reports.map(toJson) });
    else for (const report of reports) printReport(context.output, report, isDryRun);
    return hasFailed ? EXIT_FAILED : EXIT_OK;
  },
};

const toJson = (report: RuleReport) => ({
  ...report,
  items: report.items.map((item) => ({
    sourceActivityId: item.sourceActivityId,
    type: item.type,
    name: item.name,
    startAt: item.startAt,
    action: item.action,
    reason: item.reason,
    ...("outcome" in item ? { outcome: item.outcome, message: item.message ?? null } : {}),
    matchedExternalId: item.match?.externalId ?? null,
  })),
});

function printReport(output: CommandOutput, report: RuleReport, isDryRun: boolean) {
  const title = `${report.source} -> ${report.destination}${isDryRun ? " (dry run: nothing is sent)" : ""}`;
  if (report.error) {
    output.result(`${title}\n  failed: ${report.error}`);
    output.error(`${report.source} -> ${report.destination}: ${report.error}`);
    return;
  }
  const counts = new Map<string, number>();
  for (const item of report.items) {
    const key = "outcome" in item && item.outcome !== "not_run" ? item.outcome : item.action;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const summary =
    [...counts].map(([key, count]) => `${count} ${key.replaceAll("_", " ")}`).join(", ") || "nothing in range";
  const rows = report.items.map((item, index) => [
    String(index + 1),
    item.startAt.slice(0, 10),
    item.type,
    item.name ?? "",
    "outcome" in item && item.outcome !== "not_run" ? item.outcome : item.action,
    "outcome" in item && item.message ? item.message : item.reason,
  ]);
  output.result(
    [
      title,
      rows.length
        ? formatTable(["#", "date", "type", "name", isDryRun ? "plan" : "result", "why"], rows, new Set([0]))
        : "",
      `${summary}.`,
    ]
      .filter(Boolean)
      .join("\n"),
  );
}

type CommandOutput = Parameters<Command["run"]>[0]["output"];
