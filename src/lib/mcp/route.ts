import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { getEnv } from "@/env";
import {
  rateLimitedResponse,
  rateLimitHeaders,
  takeRateLimit,
  type RateLimitPolicy,
  type RateLimitState,
} from "@/lib/api-v1/rate-limit";
import type { Database } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";
import { AppError, hasErrorCode } from "@/lib/errors";
import type { FileStore } from "@/lib/files/store";
import { errorResponse } from "@/lib/http/error-response";
import { loadAiSharing } from "./ai-sharing";
import { authenticateMcpCaller, bearerChallenge, readPresentedKey } from "./authenticate";
import { buildMcpServer } from "./server";

export interface McpDependencies {
  getDb: () => Promise<Database>;
  getStore: () => FileStore;
  /** Tests fix the clock (default date ranges, rate-limit windows); the app uses the real one. */
  now?: () => Date;
  rateLimit?: RateLimitPolicy;
}

// Tool arguments are a few fields; a larger body is not a call we would answer anyway.
const MAX_BODY_BYTES = 256 * 1024;

/** The 405 a stateless server gives GET (no server-initiated stream to offer) and DELETE (no session to end). */
function methodNotAllowed(): Response {
  return Response.json(
    {
      jsonrpc: "2.0",
      error: { code: -32000, message: "Method not allowed: this MCP server is stateless; POST only." },
      id: null,
    },
    { status: 405, headers: { allow: "POST" } },
  );
}

async function answer(deps: McpDependencies, db: Database, request: Request, userId: string, now: Date) {
  const user = await findUserById(db, { userId });
  if (!user) throw new AppError("UNAUTHORIZED", "This account no longer exists.");
  const server = buildMcpServer({
    db,
    store: deps.getStore(),
    userId: user.id,
    timeZone: user.timeZone,
    sharing: await loadAiSharing(db, { userId: user.id }),
    now,
  });
  // Stateless: a server and transport per request, JSON answers (no stream is left open), so
  // any process can take any request and nothing outlives it.
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_BODY_BYTES,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}

/**
 * /api/mcp as a route handler (POST; GET and DELETE answer 405): a key with the `read` scope as
 * a bearer token or X-API-Key (401 with a WWW-Authenticate challenge, 403 without `read`), one
 * request counted against the key's window shared with /api/v1 (429 past it), then the MCP
 * message answered by an McpServer built for the key's person.
 */
export function mcpHandler(deps: McpDependencies) {
  return async (request: Request): Promise<Response> => {
    let limit: RateLimitState | undefined;
    let response: Response;
    try {
      const db = await deps.getDb();
      const owner = await authenticateMcpCaller(db, request);
      const now = deps.now?.() ?? new Date();
      const policy = deps.rateLimit ?? { limit: getEnv().QT_API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 };
      const taken = await takeRateLimit(db, { subject: `key:${owner.apiKeyId}`, policy, now });
      limit = taken;
      if (!taken.isAllowed) response = rateLimitedResponse(taken, policy);
      else if (request.method !== "POST") response = methodNotAllowed();
      else response = await answer(deps, db, request, owner.userId, now);
    } catch (error) {
      response = errorResponse(error);
      if (hasErrorCode(error, "UNAUTHORIZED"))
        response.headers.set("WWW-Authenticate", bearerChallenge(readPresentedKey(request.headers) !== null));
    }
    response.headers.set("cache-control", "no-store");
    if (limit) for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.headers.set(name, value);
    return response;
  };
}
