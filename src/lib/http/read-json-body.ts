import { AppError } from "@/lib/errors";

/** A JSON API request's body, parsed; a body that is not JSON is a 400 that says so. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", '(body): must be JSON, e.g. {"scope": "30d"}');
  }
}
