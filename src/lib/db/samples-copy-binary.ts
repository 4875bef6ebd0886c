import type { SampleRecord } from "@/lib/sync/records";

/**
 * Rows for `COPY samples (user_id, provider, source_id, metric, time, end_time, value, unit, meta)
 * FROM STDIN (FORMAT binary)`. Binary, because Postgres then neither parses timestamps nor
 * numbers, and building it costs no string per sample (no ISO date, no escaping): times go as
 * the microseconds Postgres keeps, values as the float8 they are.
 */

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const COLUMNS = 9;
const MS_FROM_UNIX_TO_POSTGRES_EPOCH = 946_684_800_000;
const TWO_TO_32 = 4_294_967_296;

export interface CopyOwner {
  userId: string;
  provider: string;
  sourceId: string;
}

/** A growable buffer written front to back. */
class Writer {
  buffer = Buffer.allocUnsafe(1 << 20);
  offset = 0;

  reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes));
    this.buffer.copy(grown, 0, 0, this.offset);
    this.buffer = grown;
  }

  int16(value: number): void {
    this.offset = this.buffer.writeInt16BE(value, this.offset);
  }

  int32(value: number): void {
    this.offset = this.buffer.writeInt32BE(value, this.offset);
  }

  bytes(value: Buffer): void {
    value.copy(this.buffer, this.offset);
    this.offset += value.length;
  }

  /** A text field: its byte length, then its UTF-8. */
  text(encoded: Buffer): void {
    this.int32(encoded.length);
    this.bytes(encoded);
  }

  /** A timestamptz field from epoch milliseconds: int64 microseconds since 2000-01-01 UTC. */
  timestamp(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`Cannot store the time ${ms}.`);
    this.int32(8);
    const micros = (ms - MS_FROM_UNIX_TO_POSTGRES_EPOCH) * 1000;
    if (Number.isSafeInteger(micros)) {
      const high = Math.floor(micros / TWO_TO_32);
      this.offset = this.buffer.writeInt32BE(high, this.offset);
      this.offset = this.buffer.writeUInt32BE(micros - high * TWO_TO_32, this.offset);
    } else {
      // Beyond ~285 years from 2000 a double no longer holds the microseconds exactly.
      const exact = (BigInt(ms) - BigInt(MS_FROM_UNIX_TO_POSTGRES_EPOCH)) * 1000n;
      this.offset = this.buffer.writeBigInt64BE(exact, this.offset);
    }
  }

  float8(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot store ${value} in a float8 column.`);
    this.int32(8);
    // -0 + 0 is 0, as the text form stores it.
    this.offset = this.buffer.writeDoubleBE(value + 0, this.offset);
  }

  /** A jsonb field: version 1, then the JSON text. */
  json(text: string): void {
    const start = this.offset;
    this.offset += 4;
    this.buffer[this.offset++] = 1;
    this.offset += this.buffer.write(text, this.offset, "utf8");
    this.buffer.writeInt32BE(this.offset - start - 4, start);
  }
}

const epochMs = (time: Date | string) => (time instanceof Date ? time.getTime() : new Date(time).getTime());

/** The owner's three text fields, the same on every row: encoded once. */
function ownerFields(owner: CopyOwner): Buffer {
  const writer = new Writer();
  for (const value of [owner.userId, owner.provider, owner.sourceId]) writer.text(Buffer.from(value, "utf8"));
  return writer.buffer.subarray(0, writer.offset);
}

/** The whole COPY stream for one slice of samples (header, rows, trailer) in one buffer. */
export function encodeSamplesForCopy(owner: CopyOwner, records: readonly SampleRecord[]): Buffer {
  const writer = new Writer();
  const prefix = ownerFields(owner);
  // A slice holds few metrics and units: each is encoded once.
  const encoded = new Map<string, Buffer>();
  const encode = (text: string) => {
    let bytes = encoded.get(text);
    if (!bytes) encoded.set(text, (bytes = Buffer.from(text, "utf8")));
    return bytes;
  };
  writer.reserve(SIGNATURE.length + 8);
  writer.bytes(SIGNATURE);
  writer.int32(0);
  writer.int32(0);
  for (const record of records) {
    const metric = encode(record.metric);
    const unit = encode(record.unit);
    const meta = record.meta == null ? undefined : JSON.stringify(record.meta);
    // Fixed parts, then every UTF-16 unit of the meta at its worst (3 bytes).
    writer.reserve(2 + prefix.length + 4 * 6 + metric.length + unit.length + 3 * 8 + 5 + (meta?.length ?? 0) * 3);
    writer.int16(COLUMNS);
    writer.bytes(prefix);
    writer.text(metric);
    writer.timestamp(epochMs(record.time));
    if (record.endTime == null) writer.int32(-1);
    else writer.timestamp(epochMs(record.endTime));
    writer.float8(record.value);
    writer.text(unit);
    if (meta === undefined) writer.int32(-1);
    else writer.json(meta);
  }
  writer.reserve(2);
  writer.int16(-1);
  return writer.buffer.subarray(0, writer.offset);
}
