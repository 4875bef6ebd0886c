import { headers } from "next/headers";
import { originFromHeaders } from "./request-origin";

/** The origin of the request being rendered, for server components and server actions. */
export async function getServerOrigin(): Promise<string> {
  return originFromHeaders(await headers());
}
