/**
 * A set of epoch-millisecond times kept in one Float64Array: 8 bytes a time where a Set<number>
 * costs several times that, which matters at half a million samples. Times usually arrive in
 * order (an export's points are sorted), so lookups are a binary search and sorting is rare.
 */
export class TimeSet {
  private times = new Float64Array(1024);
  private size = 0;
  private isSorted = true;

  add(time: number): void {
    if (this.size === this.times.length) {
      const grown = new Float64Array(this.times.length * 2);
      grown.set(this.times);
      this.times = grown;
    }
    if (this.size > 0 && time < this.times[this.size - 1]!) this.isSorted = false;
    this.times[this.size++] = time;
  }

  has(time: number): boolean {
    if (!this.isSorted) {
      this.times.subarray(0, this.size).sort();
      this.isSorted = true;
    }
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.times[middle]!;
      if (value === time) return true;
      if (value < time) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}
