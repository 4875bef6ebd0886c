import { crc32, inflateRawSync } from "node:zlib";
import { AppError } from "@/lib/errors";

// A reader for the plain zips providers hand out (Garmin Connect's "original" download is a zip
// holding the FIT): stored or deflated entries, found through the central directory. No zip64,
// no encryption, no multi-disk archives; those are refused, never half read.

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const malformed = (why: string) => new AppError("INVALID_INPUT", `The zip file is malformed: ${why}.`);

function findEndOfDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let offset = view.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === END_OF_DIRECTORY) return offset;
  }
  throw malformed("no end-of-directory record");
}

/** Every file in the archive (directories left out), each inflated to at most `maxBytes`. */
export function readZipEntries(zip: Uint8Array, options: { maxBytes: number }): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  if (view.byteLength < 22) throw malformed("too short");
  const end = findEndOfDirectory(view);
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) throw malformed("zip64 archives are not supported");
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== DIRECTORY_ENTRY)
      throw malformed(`directory entry ${index + 1} is missing`);
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const expectedCrc = view.getUint32(offset + 16, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const skip = nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    const localOffset = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + skip;
    if (name.endsWith("/")) continue;
    if (flags & 1) throw malformed(`${name} is encrypted`);
    if (size > options.maxBytes)
      throw new AppError("PAYLOAD_TOO_LARGE", `${name} in the zip is larger than ${options.maxBytes} bytes.`);
    if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_HEADER)
      throw malformed(`${name} has no local header`);
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw malformed(`${name} is cut short`);
    let bytes: Uint8Array;
    if (method === STORED) bytes = data;
    else if (method === DEFLATED) bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, options.maxBytes) });
    else throw malformed(`${name} uses compression method ${method}`);
    if (bytes.length !== size || crc32(bytes) !== expectedCrc) throw malformed(`${name} fails its checksum`);
    entries.push({ name, bytes });
  }
  return entries;
}
