// POST /api/mcp — the MCP server (Streamable HTTP, stateless) over the caller's data; a key with the read scope.
import { getDb } from "@/lib/db";
import { getFileStore } from "@/lib/files";
import { mcpHandler } from "@/lib/mcp/route";

export const dynamic = "force-dynamic";

const handler = mcpHandler({ getDb, getStore: getFileStore });

export const POST = handler;
// Stateless: no server-initiated stream (GET) and no session to end (DELETE); both answer 405.
export const GET = handler;
export const DELETE = handler;
