import type { z } from "zod";
import type { SandboxHandler, SandboxRequest } from "./types";

/**
 * How a simulated management API (webhook subscriptions and the like) knows its callers and
 * what each registered, and the provider's own replies when a request does not get that far.
 */
export interface OwnedResources<T> {
  /** The caller's client id (after recording the call under `path`), or the provider's 401. */
  authenticate: (request: SandboxRequest, path: string) => string | Response;
  /** The resource the request names, if the caller owns it. */
  find: (request: SandboxRequest, clientId: string) => T | undefined;
  notFound: () => Response;
  invalidBody: (error: z.ZodError) => Response;
}

/** The JSON body as `schema` has it, or the provider's reply to an invalid one. */
export async function readJsonBody<T extends z.ZodType>(
  request: SandboxRequest,
  schema: T,
  invalid: (error: z.ZodError) => Response,
): Promise<z.infer<T> | Response> {
  const parsed = schema.safeParse(await request.request.json().catch(() => null));
  return parsed.success ? parsed.data : invalid(parsed.error);
}

/** A route on one resource the caller owns: 401 and 404 are answered as the provider does before `act` runs. */
export function withOwnedResource<T>(
  resources: OwnedResources<T>,
  path: string,
  act: (request: SandboxRequest, resource: T, clientId: string) => Response | Promise<Response>,
): SandboxHandler {
  return (request) => {
    const clientId = resources.authenticate(request, path);
    if (clientId instanceof Response) return clientId;
    const resource = resources.find(request, clientId);
    return resource === undefined ? resources.notFound() : act(request, resource, clientId);
  };
}

/** An update (PUT or PATCH) of one resource the caller owns: 401, 404, then an invalid body, before `update` runs. */
export function withOwnedResourceUpdate<T, S extends z.ZodType>(
  resources: OwnedResources<T>,
  path: string,
  schema: S,
  update: (resource: T, body: z.infer<S>) => Response | Promise<Response>,
): SandboxHandler {
  return withOwnedResource(resources, path, async (request, resource) => {
    const body = await readJsonBody(request, schema, resources.invalidBody);
    return body instanceof Response ? body : update(resource, body);
  });
}
