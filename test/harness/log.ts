/** Harness progress lines, `[harness +12.3s] ...`, on stdout. */
import * as fs from 'node:fs';

const started = Date.now();

export function say(message: string): void {
  process.stdout.write(`[harness +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** A positive number of seconds from the environment, or the default, in ms. */
export function envSeconds(name: string, defaultSeconds: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw.trim() === '' ? defaultSeconds : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds (it is "${raw}")`);
  return value * 1000;
}

/** The first line of an error's message: enough for a progress line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

/**
 * Copies everything written to stdout from now on into `file` too (the harness's own output, kept
 * with the run's artifacts and scanned by the secret-leak audit). Returns a function that stops it.
 */
export function teeStdout(file: string): () => void {
  const fd = fs.openSync(file, 'a');
  const write = process.stdout.write.bind(process.stdout);
  let open = true;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    if (open) fs.writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  return () => {
    if (!open) return;
    open = false;
    process.stdout.write = write;
    fs.closeSync(fd);
  };
}
