/**
 * The extension's one clock. Everything that asks the time asks it here, so time can be moved in
 * one place (the extension's tests let hours pass this way).
 */
export class Clock {
  now: () => number = Date.now;
}
