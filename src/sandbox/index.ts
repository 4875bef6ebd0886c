import { listSandboxes } from "./registry";
import { createSandboxHandler } from "./router";

/** Every provider's simulator, mounted at one path. */
export const handleSandboxRequest = createSandboxHandler(listSandboxes());
export { getSandboxState, SandboxState } from "./state";
