import fs from "node:fs";

// We drive the system Chromium (Debian's package); Playwright never downloads a browser here.
export const CHROMIUM_INSTALL_HINT = "sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium binary)";

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((candidate): candidate is string => Boolean(candidate && fs.existsSync(candidate)));
}
