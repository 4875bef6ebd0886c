// Runs once when the server starts: check the environment, migrate the database before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootOrExit } = await import("./lib/boot");
  await bootOrExit();
}
