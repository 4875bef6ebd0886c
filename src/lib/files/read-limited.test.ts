import { describe, expect, it } from "vitest";
import { hasErrorCode } from "@/lib/errors";
import { readBodyWithin } from "./read-limited";

/** A body streamed in chunks with no declared length, noting how many chunks were pulled. */
function streamed(chunks: number, size: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(7));
    },
  });
  return { response: new Response(body), pulled: () => pulled };
}

describe("readBodyWithin", () => {
  it("reads a body within the limit whole", async () => {
    const { response } = streamed(4, 1000);
    expect((await readBodyWithin(response, 4000)).byteLength).toBe(4000);
  });

  it("refuses a declared length past the limit before reading the body", async () => {
    const { response, pulled } = streamed(100, 1000);
    const declared = new Response(response.body, { headers: { "content-length": "100000" } });
    const error = await readBodyWithin(declared, 50_000).catch((caught: unknown) => caught);
    expect(hasErrorCode(error, "PAYLOAD_TOO_LARGE")).toBe(true);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading an undeclared body where it passes the limit, naming the limit", async () => {
    const { response, pulled } = streamed(1000, 1024 * 1024);
    const error = await readBodyWithin(response, 3 * 1024 * 1024).catch((caught: unknown) => caught);
    expect(hasErrorCode(error, "PAYLOAD_TOO_LARGE")).toBe(true);
    expect((error as Error).message).toBe("The file is larger than the 3 MB limit.");
    expect(pulled()).toBeLessThan(10);
  });
});
