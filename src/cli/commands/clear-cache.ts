import { clearCache } from "../cache";
import type { Command } from "../command";
import { EXIT_OK } from "../errors";

export const clearCacheCommand: Command = {
  name: "clear-cache",
  summary: "forget what the CLI keeps between runs (list numbers, sign-ins waiting for a code)",
  help: `qt clear-cache [--auth-only] [--json]

  Empties the cache directory (~/.qt/cache, or the config's "cache.dir"). The accounts' tokens
  live in QT.run's database and are not touched.
  --auth-only       only the sign-ins waiting for a code`,
  options: { "auth-only": { type: "boolean" } },
  async run(context) {
    const isAuthOnly = context.values["auth-only"] === true;
    const removed = await clearCache(context.cacheDir, { isAuthOnly });
    if (context.isJson) context.output.json({ cacheDir: context.cacheDir, authOnly: isAuthOnly, removed });
    else
      context.output.result(
        `Cleared ${removed} cached ${removed === 1 ? "entry" : "entries"} from ${context.cacheDir}${isAuthOnly ? " (sign-ins only)" : ""}.`,
      );
    return EXIT_OK;
  },
};
