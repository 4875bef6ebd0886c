import { PROVIDERS } from "@/lib/providers";
import { createSandboxHandler } from "./router";

/** Every registered provider's simulator, mounted at one path. */
export const handleSandboxRequest = createSandboxHandler(PROVIDERS);
export { getSandboxState, SandboxState } from "./state";
