import { AppError } from "@/lib/errors";

/** A request's JSON body, or a 400 that says it is not JSON (rather than a 500 from the parser). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) throw new AppError("INVALID_INPUT", "(body): send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("INVALID_INPUT", `(body): not JSON (${(error as Error).message}).`);
  }
}
