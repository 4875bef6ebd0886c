import type { SampleRecord } from "@/lib/sync/records";
import type { SampleSeries } from "@/lib/sync/sample-series";

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
// A row's fixed part: the field count, nine field lengths, three 8-byte values and jsonb's version byte.
const FIXED_ROW_BYTES = 2 + 9 * 4 + 3 * 8 + 1;

export interface CopyOwner {
  userId: string;
  provider: string;
  sourceId: string;
}

const epochMs = (time: Date | string) => (time instanceof Date ? time.getTime() : new Date(time).getTime());

/** The COPY stream of one slice of samples, written front to back into one growable buffer. */
class SampleCopyEncoder {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
  private offset = 0;
  /** The owner's three text fields, the same on every row, encoded once. */
  private readonly owner: Buffer;
  /** A slice holds few metrics and units: each is encoded once. */
  private readonly encoded = new Map<string, Buffer>();

  constructor(owner: CopyOwner) {
    this.owner = Buffer.concat(
      [owner.userId, owner.provider, owner.sourceId].map((text) => this.lengthPrefixed(Buffer.from(text, "utf8"))),
    );
    this.reserve(SIGNATURE.length + 8);
    this.bytes.set(SIGNATURE, 0);
    this.offset = SIGNATURE.length;
    this.int32(0); // flags
    this.int32(0); // header extension
  }

  /** One row; times in epoch milliseconds, `endMs` NaN for none, `meta` as JSON text or undefined for none. */
  row(metric: string, unit: string, timeMs: number, endMs: number, value: number, meta: string | undefined): void {
    const metricBytes = this.encode(metric);
    const unitBytes = this.encode(unit);
    // Every UTF-16 unit of the meta at its worst (3 bytes).
    this.reserve(FIXED_ROW_BYTES + this.owner.length + metricBytes.length + unitBytes.length + (meta?.length ?? 0) * 3);
    this.view.setInt16(this.offset, COLUMNS);
    this.offset += 2;
    this.copy(this.owner);
    this.copy(metricBytes);
    this.timestamp(timeMs);
    if (Number.isNaN(endMs)) this.int32(-1);
    else this.timestamp(endMs);
    this.float8(value);
    this.copy(unitBytes);
    if (meta === undefined) this.int32(-1);
    else this.json(meta);
  }

  /** The stream so far with its trailer. */
  finish(): Buffer {
    this.reserve(2);
    this.view.setInt16(this.offset, -1);
    return this.bytes.subarray(0, this.offset + 2);
  }

  private encode(text: string): Buffer {
    let bytes = this.encoded.get(text);
    if (!bytes) this.encoded.set(text, (bytes = this.lengthPrefixed(Buffer.from(text, "utf8"))));
    return bytes;
  }

  /** A text field as COPY wants it: its byte length, then its UTF-8. */
  private lengthPrefixed(utf8: Buffer): Buffer {
    const field = Buffer.allocUnsafe(4 + utf8.length);
    field.writeInt32BE(utf8.length, 0);
    utf8.copy(field, 4);
    return field;
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.offset + bytes));
    this.bytes.copy(grown, 0, 0, this.offset);
    this.bytes = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.length);
  }

  private copy(field: Buffer): void {
    this.bytes.set(field, this.offset);
    this.offset += field.length;
  }

  private int32(value: number): void {
    this.view.setInt32(this.offset, value);
    this.offset += 4;
  }

  /** A timestamptz from epoch milliseconds: int64 microseconds since 2000-01-01 UTC. */
  private timestamp(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`Cannot store the time ${ms}.`);
    this.int32(8);
    const micros = (ms - MS_FROM_UNIX_TO_POSTGRES_EPOCH) * 1000;
    if (Number.isSafeInteger(micros)) {
      // Two's complement in two words: the high one signed (floored), the low one what remains.
      const high = Math.floor(micros / TWO_TO_32);
      this.view.setInt32(this.offset, high);
      this.view.setUint32(this.offset + 4, micros - high * TWO_TO_32);
    } else {
      // Beyond ~285 years from 2000 a double no longer holds the microseconds exactly.
      this.view.setBigInt64(this.offset, (BigInt(ms) - BigInt(MS_FROM_UNIX_TO_POSTGRES_EPOCH)) * 1000n);
    }
    this.offset += 8;
  }

  private float8(value: number): void {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot store ${value} in a float8 column.`);
    this.int32(8);
    // -0 + 0 is 0, as the text form stores it.
    this.view.setFloat64(this.offset, value + 0);
    this.offset += 8;
  }

  /** A jsonb field: version 1, then the JSON text. */
  private json(text: string): void {
    const start = this.offset;
    this.bytes[start + 4] = 1;
    const written = this.bytes.write(text, start + 5, "utf8");
    this.view.setInt32(start, written + 1);
    this.offset = start + 5 + written;
  }
}

const metaJson = (meta: unknown) => (meta == null ? undefined : JSON.stringify(meta));

/** The whole COPY stream for one slice of samples (header, rows, trailer) in one buffer. */
export function encodeSamplesForCopy(owner: CopyOwner, records: readonly SampleRecord[]): Buffer {
  const encoder = new SampleCopyEncoder(owner);
  for (const record of records) {
    const end = record.endTime == null ? NaN : epochMs(record.endTime);
    encoder.row(record.metric, record.unit, epochMs(record.time), end, record.value, metaJson(record.meta));
  }
  return encoder.finish();
}

/** The same for samples held in columns. */
export function encodeSeriesForCopy(owner: CopyOwner, seriesList: readonly SampleSeries[]): Buffer {
  const encoder = new SampleCopyEncoder(owner);
  for (const { metric, unit, times, endTimes, values, metas } of seriesList) {
    for (let index = 0; index < times.length; index++) {
      encoder.row(
        metric,
        typeof unit === "string" ? unit : unit[index]!,
        times[index]!,
        endTimes ? endTimes[index]! : NaN,
        values[index]!,
        metas ? metaJson(metas[index]) : undefined,
      );
    }
  }
  return encoder.finish();
}
