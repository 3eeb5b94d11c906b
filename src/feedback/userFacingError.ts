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
