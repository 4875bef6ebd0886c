import { describe, expect, it } from "vitest";
import { createPacer } from "./pacer";

describe("pacer", () => {
  it("hands back a slot further off than the caller will wait, without taking it", async () => {
    const slept: number[] = [];
    const pacer = createPacer(`test-${Math.random()}`, 1, async (ms) => void slept.push(ms));
    expect(await pacer.take(10_000)).toBeUndefined(); // the first request goes at once
    const later = await pacer.take(10_000);
    expect(later).toBeInstanceOf(Date);
    expect(slept).toEqual([]);
    // Not taken: the same slot is still the next one, and a caller willing to wait gets it.
    expect((await pacer.take(10_000))?.getTime()).toBe(later!.getTime());
    expect(await pacer.take()).toBeUndefined();
    expect(slept).toHaveLength(1);
  });
});
