import { notFound } from "next/navigation";
import type { Database } from "@/lib/db";
import type { User } from "@/lib/db/schema";
import { isAdmin } from "./admin";

/** For admin-only pages: anyone else gets the ordinary 404, so the page's existence is not advertised. */
export async function requireAdminPage(db: Database, user: Pick<User, "id" | "email">): Promise<void> {
  if (!(await isAdmin(db, user))) notFound();
}
