/**
 * A Postgres array literal (`{"a","b",NULL}`) for one text parameter cast to `text[]`,
 * `float8[]`, `timestamptz[]` or `jsonb[]`. Neither driver serialises JS arrays the same
 * way through drizzle, but both pass a string through untouched, and Postgres parses it.
 */
export function toPgArrayLiteral(values: ReadonlyArray<string | number | null | undefined>): string {
  const parts = new Array<string>(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null || value === undefined) parts[index] = "NULL";
    else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new RangeError(`Cannot store ${value} in a float8[] literal.`);
      parts[index] = String(value);
    } else parts[index] = `"${value.replace(/[\\"]/g, "\\$&")}"`;
  }
  return `{${parts.join(",")}}`;
}
