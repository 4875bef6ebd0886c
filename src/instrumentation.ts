// Runs once when the server starts: check the environment, migrate the database before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/boot");
  try {
    await boot();
  } catch (error) {
    // A server that cannot work must not look healthy (/api/health) meanwhile: say why and stop.
    console.error(`[qt.run] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
