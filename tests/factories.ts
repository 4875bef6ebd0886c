import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

export async function createTestUser(db: Database, overrides: { email?: string } = {}) {
  const [user] = await db
    .insert(users)
    .values({ email: overrides.email ?? `user-${randomUUID()}@example.test`, name: "Test Runner" })
    .returning();
  return user!;
}
