// Exit codes scripts can trust: 0 done, 1 failed (the work was tried and did not succeed),
// 2 bad usage (the command, an option or the config file is wrong; running it again won't help).
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** The invocation or the config is wrong: exit 2 with the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The work was tried and failed in a way already explained to the person: exit 1 with the message. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandFailed";
  }
}
