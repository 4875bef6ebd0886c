// GET /api/v1/openapi.json — the OpenAPI 3.1 document of the read API, built from the routes' zod schemas; public.
import { buildOpenApiDocument } from "@/lib/api-v1/openapi";

export function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { "access-control-allow-origin": "*" } });
}
