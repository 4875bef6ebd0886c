import type { OpenApiOperation, OpenApiParameter } from "@/lib/api-v1/openapi";

/** A parameter's type as a reader would say it: "integer", "date | date-time", "csv | json". */
function typeOf(schema: OpenApiParameter["schema"]): string {
  const options = (schema.anyOf as OpenApiParameter["schema"][] | undefined) ?? [schema];
  return options
    .map((option) =>
      Array.isArray(option.enum) ? option.enum.join(" | ") : String(option.format ?? option.type ?? "any"),
    )
    .join(" | ");
}

export function EndpointDoc({ path, operation }: { path: string; operation: OpenApiOperation }) {
  return (
    <li
      id={operation.operationId}
      className="rounded-2xl border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-mono text-sm">
        <span className="mr-2 rounded bg-emerald-100 px-1.5 py-0.5 font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
          GET
        </span>
        {path}
      </h2>
      <p className="mt-2 font-medium">{operation.summary}</p>
      {operation.description ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{operation.description}</p>
      ) : null}
      {operation.parameters.length ? (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-zinc-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Parameter</th>
                <th className="py-1 pr-3 font-medium">Type</th>
                <th className="py-1 font-medium">Description</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {operation.parameters.map((parameter) => (
                <tr key={`${parameter.in}:${parameter.name}`}>
                  <td className="py-1 pr-3 align-top font-mono">
                    {parameter.name}
                    {parameter.required ? <span className="text-red-600 dark:text-red-400"> *</span> : null}
                  </td>
                  <td className="py-1 pr-3 align-top text-zinc-600 dark:text-zinc-400">{typeOf(parameter.schema)}</td>
                  <td className="py-1 align-top">{parameter.description ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </li>
  );
}
