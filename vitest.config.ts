import { defineConfig } from "vitest/config";
import os from "node:os";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@tests": path.resolve(__dirname, "tests"), "@": path.resolve(__dirname, "src") } },
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 30_000,
    // Tests never write into the developer's own .data directory.
    env: {
      QT_DATA_DIR: path.join(os.tmpdir(), `qt-vitest-${process.pid}`),
      // Providers' real request budgets would pace a test sync over minutes.
      QT_SYNC_REQUESTS_PER_MINUTE: "600000",
    },
    hookTimeout: 60_000,
  },
});
