import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createOutput, formatTable } from "./output";

function streams(isTTY: boolean) {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY, columns: 80 });
  const read = (stream: PassThrough) => (stream.read() as Buffer | null)?.toString() ?? "";
  return { stdout, stderr, out: () => read(stdout), err: () => read(stderr) };
}

describe("CLI output", () => {
  it("draws no progress bar when stderr is not a terminal, so a cron log gets only the result", () => {
    const io = streams(false);
    const output = createOutput({ isVerbose: false, streams: io });
    const bar = output.progress("uploading");
    bar.update(1, 2);
    bar.done();
    output.result("done");
    output.verbose("not shown without -v");
    expect(io.err()).toBe("");
    expect(io.out()).toBe("done\n");
  });

  it("draws a bar on a terminal's stderr, never on stdout", () => {
    const io = streams(true);
    const bar = createOutput({ isVerbose: true, streams: io }).progress("uploading");
    bar.update(1, 2);
    expect(io.err()).toContain(`uploading [${"#".repeat(15)}${"-".repeat(15)}] 1/2`);
    expect(io.out()).toBe("");
  });

  it("pads table columns to their widest cell, numbers on the right", () => {
    expect(
      formatTable(
        ["#", "name"],
        [
          ["9", "Morning run"],
          ["10", "Ride"],
        ],
        new Set([0]),
      ),
    ).toBe([" #  name", "--  -----------", " 9  Morning run", "10  Ride"].join("\n"));
  });
});
