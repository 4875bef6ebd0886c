import { sql, type SQL } from "drizzle-orm";
import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid().primaryKey().defaultRandom();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

// Raw bytes (gzip bodies, FIT files). Drizzle has no built-in bytea column. Written as hex
// text that Postgres decodes: PGlite's own bytea serializer formats byte by byte in JavaScript
// (26 MB of a kept 100 MB push took ~37 s that way, ~5 s as hex).
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | SQL }>({
  dataType: () => "bytea",
  toDriver: (value): SQL => sql`decode(${Buffer.from(value).toString("hex")}, 'hex')`,
  fromDriver: (value) => Buffer.from(value as Uint8Array),
});
