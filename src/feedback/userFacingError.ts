/** Marks a UserFacingError across the two bundles (an `instanceof` check would not cross them). */
const BRAND = Symbol.for('quickblox-sessions.userFacingError');

/**
 * The one error a person is shown as it is: its message is a finished sentence saying what to
 * change. Any other error that reaches a command is a fault of the extension, logged with its stack
 * and shown as an unexpected error that points to the log.
 */
export class UserFacingError extends Error {
  readonly [BRAND] = true;

  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export function isUserFacing(error: unknown): error is UserFacingError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** Marks a NoVariableValue across the two bundles. */
const NO_VALUE = Symbol.for('quickblox-sessions.noVariableValue');

/**
 * A variable command (`${command:quickblox.activeToken}` in launch.json or tasks.json) that has no
 * value to give. The command rejects with it instead of resolving to undefined: VS Code then stops
 * the launch or task and shows the message itself. (Given undefined, VS Code 1.100, for one, starts
 * the launch anyway, with the variable's own text as its value.)
 * The commands' error boundary passes it on to the caller instead of showing it.
 */
export class NoVariableValue extends UserFacingError {
  readonly [NO_VALUE] = true;

  constructor(message: string) {
    super(message);
    this.name = 'NoVariableValue';
  }
}

export function isNoVariableValue(error: unknown): error is NoVariableValue {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[NO_VALUE] === true;
}
