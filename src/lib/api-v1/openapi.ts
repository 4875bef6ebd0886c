import { z } from "zod";
import { API_KEY_SCOPE_LABELS } from "@/lib/auth/api-key-scopes";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { errorSchema } from "./schemas";

// The OpenAPI 3.1 document of /api/v1, built from the zod schemas the routes parse with
// (endpoints.ts) by zod's own JSON Schema output, so what is published is what is enforced.

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
};

export interface OpenApiParameter {
  name: string;
  in: "query" | "path";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  parameters: OpenApiParameter[];
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, { get: OpenApiOperation }>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, unknown>;
    headers: Record<string, unknown>;
    responses: Record<string, unknown>;
  };
  security: Array<Record<string, string[]>>;
}

/** A zod schema as JSON Schema without the `$schema` line (OpenAPI 3.1's dialect is 2020-12 already). */
function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType, location: "query" | "path"): OpenApiParameter[] {
  const json = jsonSchemaOf(schema, "input");
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: propertySchema,
    };
  });
}

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const rateLimitHeaderRefs = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};

const schemaName = (endpoint: Endpoint) => `${endpoint.name[0]!.toUpperCase()}${endpoint.name.slice(1)}Response`;

function operationOf(endpoint: Endpoint): OpenApiOperation {
  const ok = endpoint.response
    ? { "application/json": { schema: { $ref: `#/components/schemas/${schemaName(endpoint)}` } } }
    : {
        "text/csv": { schema: { type: "string" } },
        "application/json": { schema: { type: "array", items: { type: "object" } } },
      };
  return {
    operationId: endpoint.name,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    parameters: [...parametersOf(endpoint.params, "path"), ...parametersOf(endpoint.query, "query")],
    responses: {
      "200": { description: "OK", headers: rateLimitHeaderRefs, content: ok },
      "400": errorRef("A parameter is wrong or unknown; `error.issues[].field` names it."),
      "401": errorRef("No session and no valid X-API-Key."),
      "403": errorRef("The key lacks the `read` scope (`error.details.missingScope`)."),
      ...(endpoint.path.includes("{") ? { "404": errorRef("Not found, or not yours.") } : {}),
      "429": { $ref: "#/components/responses/RateLimited" },
    },
  };
}

export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: {
      title: "QT.run API",
      version: "1",
      description: [
        "Your own fitness data, read back: activities, daily metrics, sleep, samples and body measurements.",
        "Units are SI (m, s, m/s, kg, W) plus kcal and bpm, named in each field; times are ISO 8601, `…At` in UTC and `…Local` with the offset the source recorded.",
        "Every list merges all sources by default; `source` narrows it to one (slugs from /api/v1/sources).",
        `Authenticate with the session cookie or an \`X-API-Key\` holding the \`read\` scope (${API_KEY_SCOPE_LABELS.read}).`,
        "Each key (or signed-in person) has a request budget per minute, reported in the RateLimit-* headers.",
        "Every activity's original file as one zip: GET /api/files/export; with `include=data`, the full-account zip (every table below as CSV, with a README, beside the files).",
      ].join("\n\n"),
    },
    paths: Object.fromEntries(ENDPOINTS.map((endpoint) => [endpoint.path, { get: operationOf(endpoint) }])),
    components: {
      schemas: {
        Error: jsonSchemaOf(errorSchema, "output"),
        ...Object.fromEntries(
          ENDPOINTS.flatMap((endpoint) =>
            endpoint.response ? [[schemaName(endpoint), jsonSchemaOf(endpoint.response, "output")]] : [],
          ),
        ),
      },
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "A key with the `read` scope." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Signed in." },
      },
      headers: {
        "RateLimit-Limit": { description: "Requests allowed in the window.", schema: { type: "integer" } },
        "RateLimit-Remaining": { description: "Requests left in the window.", schema: { type: "integer" } },
        "RateLimit-Reset": { description: "Seconds until the window starts over.", schema: { type: "integer" } },
      },
      responses: {
        RateLimited: {
          description: "The key's budget for this window is spent; wait Retry-After seconds.",
          headers: {
            ...rateLimitHeaderRefs,
            "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } },
          },
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
    security: [{ apiKey: [] }, { session: [] }],
  };
}
