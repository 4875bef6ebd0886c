import type { ReactNode } from "react";

/**
 * The table a dry run's plan and a run's log share: one row per activity and what was (or
 * would be) done with it. The callers render the rows, with the attributes tests find them by.
 */
export function DecisionTable({
  label,
  columns,
  className = "overflow-x-auto",
  children,
}: {
  label: string;
  columns: readonly string[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            {columns.map((column, index) => (
              <th key={column} scope="col" className={index < columns.length - 1 ? "py-1 pr-3" : "py-1"}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}
