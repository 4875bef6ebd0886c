import { Transform, type TransformCallback } from "node:stream";

/**
 * Passes on bytes `start` to `end` (inclusive) of what flows through, and checks the whole
 * came to `total`: a resumed download regenerates the zip from its first byte and skips what
 * the caller already has. `onDone` fires once the window is full, so the producer can stop.
 */
export class ByteWindow extends Transform {
  private position = 0;
  private isDone = false;

  constructor(
    private readonly range: { start: number; end: number; total: number },
    private readonly onDone: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const chunkStart = this.position;
    this.position += chunk.length;
    if (this.isDone) return callback();
    const from = Math.max(0, this.range.start - chunkStart);
    const to = Math.min(chunk.length, this.range.end + 1 - chunkStart);
    if (to > from) this.push(chunk.subarray(from, to));
    if (this.position > this.range.end) {
      this.isDone = true;
      // The promised length is out; whatever the producer still makes is not wanted.
      this.push(null);
      this.onDone();
      // Close the writing side too, so the stream finishes instead of waiting for bytes nobody sends.
      this.end();
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.isDone && this.position !== this.range.total) {
      return callback(new Error(`The export came to ${this.position} bytes, not the ${this.range.total} announced.`));
    }
    callback();
  }
}
