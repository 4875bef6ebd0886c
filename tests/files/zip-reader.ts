import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  method: number;
  crc32: number;
  mtimeUnixSeconds: number | null;
  data: Buffer;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The UTC time in Info-ZIP's extended timestamp extra field (0x5455), when there is one. */
function extendedTime(extra: Buffer): number | null {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x5455 && size >= 5 && extra[at + 4]! & 1) return extra.readUInt32LE(at + 5);
    at += 4 + size;
  }
  return null;
}

/**
 * A small zip reader for tests, independent of the writer: the end record, the central
 * directory, then each entry's data behind its local header, each CRC checked. Enough for the
 * zips we write (ZIP64 end records, entries under 4 GB, no encryption); anything it cannot read throws.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("no end of central directory record");
  let count = zip.readUInt16LE(end + 10);
  let directoryOffset = zip.readUInt32LE(end + 16);
  // A ZIP64 end record, found through its locator just before the classic one.
  const locator = end - 20;
  if (locator >= 0 && zip.readUInt32LE(locator) === 0x07064b50) {
    const zip64End = Number(zip.readBigUInt64LE(locator + 8));
    if (zip.readUInt32LE(zip64End) !== 0x06064b50) throw new Error("bad ZIP64 end of central directory record");
    count = Number(zip.readBigUInt64LE(zip64End + 32));
    directoryOffset = Number(zip.readBigUInt64LE(zip64End + 48));
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory record ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const localName = zip.toString("utf8", localOffset + 30, localOffset + 30 + zip.readUInt16LE(localOffset + 26));
    if (localName !== name) throw new Error(`local name ${localName} differs from ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch in ${name}`);
    entries.push({ name, method, crc32: crc, mtimeUnixSeconds: extendedTime(extra), data });
  }
  return entries;
}
