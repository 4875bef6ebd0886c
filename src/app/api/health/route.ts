// GET /api/health — reports which database mode is in use and that it answers.
import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  const started = performance.now();
  try {
    const { db, mode } = await getDatabaseHandle();
    await db.execute(sql`select 1`);
    return Response.json({
      status: "ok",
      database: { mode, ok: true, latencyMs: Math.round(performance.now() - started) },
    });
  } catch (error) {
    console.error("[health] database check failed", error);
    return Response.json(
      { status: "error", database: { ok: false, message: "The database did not answer." } },
      { status: 503 },
    );
  }
}
