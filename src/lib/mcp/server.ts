import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { redactDatabaseError } from "@/lib/db/redact-error";
import { AppError } from "@/lib/errors";
import { toolResult, type McpTool, type McpToolContext } from "./tool-kit";
import { MCP_TOOLS } from "./tools";

const INSTRUCTIONS =
  "Read-only access to one person's fitness data in QT.run: activities, daily metrics, sleep, weigh-ins, weekly training and source comparisons. Dates are the person's local dates; units are in the field names (m, s, m/s, kg, kcal, bpm, W, ms). Lists return at most 100 items; pass nextCursor back as cursor for more. Some sources may be withheld by the person's choice or a provider's terms; an answer says so under `withheld`.";

/** A tool's answer, or a tool error the model can read: ours say what went wrong, anything else only an id to quote. */
async function runTool(tool: McpTool, context: McpToolContext, input: object): Promise<CallToolResult> {
  try {
    return toolResult(await tool.run(context, input));
  } catch (error) {
    if (error instanceof AppError) return { content: [{ type: "text", text: error.message }], isError: true };
    const requestId = crypto.randomUUID();
    console.error(`[mcp ${tool.name} ${requestId}]`, redactDatabaseError(error));
    return {
      content: [{ type: "text", text: `Something went wrong on our side (request ${requestId}).` }],
      isError: true,
    };
  }
}

/**
 * An MCP server for one request of one person: every tool reads only `context.userId`'s rows and
 * leaves out the sources their sharing withholds. Stateless: built per request, like the
 * transport it is connected to.
 */
export function buildMcpServer(context: McpToolContext): McpServer {
  const server = new McpServer({ name: "qt-run", title: "QT.run", version: "1.0.0" }, { instructions: INSTRUCTIONS });
  for (const tool of MCP_TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      (input: object) => runTool(tool, context, input),
    );
  }
  return server;
}
