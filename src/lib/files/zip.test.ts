import { expect, it } from "vitest";
import yazl from "yazl";
import { readZipEntries } from "./zip";

function buildZip(files: Array<{ name: string; bytes: Buffer; compress: boolean }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(file.bytes, file.name, { compress: file.compress });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

const fitLike = Buffer.concat([Buffer.from([14, 0x10, 0, 0, 0, 0, 0, 0]), Buffer.from(".FIT"), Buffer.alloc(400, 7)]);

it("reads deflated and stored entries back byte for byte, in order", async () => {
  const zip = await buildZip([
    { name: "21482825013_ACTIVITY.fit", bytes: fitLike, compress: true },
    { name: "notes.txt", bytes: Buffer.from("hello"), compress: false },
  ]);
  const entries = readZipEntries(zip, { maxBytes: 1_000_000 });
  expect(entries.map((entry) => entry.name)).toEqual(["21482825013_ACTIVITY.fit", "notes.txt"]);
  expect(Buffer.from(entries[0]!.bytes).equals(fitLike)).toBe(true);
  expect(Buffer.from(entries[1]!.bytes).toString()).toBe("hello");
});

it("refuses an entry past the size limit before inflating it", async () => {
  const zip = await buildZip([{ name: "big.fit", bytes: Buffer.alloc(10_000), compress: true }]);
  expect(() => readZipEntries(zip, { maxBytes: 1_000 })).toThrow(/larger than 1000 bytes/);
});

it("refuses a damaged archive instead of returning wrong bytes", async () => {
  const zip = await buildZip([{ name: "a.fit", bytes: fitLike, compress: false }]);
  // Flip one byte of the stored data: the checksum no longer matches.
  const damaged = Buffer.from(zip);
  damaged[40] = damaged[40]! ^ 0xff;
  expect(() => readZipEntries(damaged, { maxBytes: 1_000_000 })).toThrow(/malformed/);
  expect(() => readZipEntries(Buffer.from("not a zip at all, just text"), { maxBytes: 10 })).toThrow(/malformed/);
});
