import type { PlanView } from "@/lib/forwarding/views";
import { DecisionTable } from "./DecisionTable";
import { ACTION_LABELS, dateTime, typeLabel } from "./labels";

/** A dry run's plan: per source activity, what a real run would do and why. */
export function PlanTable({ plan }: { plan: PlanView }) {
  if (!plan.items.length)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="forwarding-plan-empty">
        No activities of the source account match this rule, so a run would do nothing.
      </p>
    );
  const sending = plan.items.filter((item) => ["upload", "replace", "poll"].includes(item.action)).length;
  return (
    <div className="flex flex-col gap-2" data-testid="forwarding-plan">
      <p className="text-sm text-zinc-700 dark:text-zinc-300" role="status">
        A run now would send {sending} of {plan.items.length} activities{plan.force ? " (forced)" : ""}.
      </p>
      <DecisionTable label="Dry run plan" columns={["Activity", "Start", "What happens", "File", "Why"]}>
        {plan.items.map((item) => (
          <tr key={item.sourceActivityId} data-testid="forwarding-plan-item" data-action={item.action}>
            <td className="py-1.5 pr-3">{item.name ?? typeLabel(item.type)}</td>
            <td className="py-1.5 pr-3 whitespace-nowrap">{dateTime(item.startAt)}</td>
            <td className="py-1.5 pr-3 font-medium">{ACTION_LABELS[item.action]}</td>
            <td className="py-1.5 pr-3">{item.file ? "Original" : item.generatedFile ? "Generated FIT" : "—"}</td>
            <td className="py-1.5 text-zinc-600 dark:text-zinc-400">{item.reason}</td>
          </tr>
        ))}
      </DecisionTable>
    </div>
  );
}
