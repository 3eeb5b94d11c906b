import { SKEW_NOTICE_SECONDS, type Clock } from '../core';
import { config } from './config';

/**
 * What this window knows of the server's clock: the last skew a response showed (server minus
 * local, seconds), measured against the real local clock even when requests were signed with a
 * corrected one.
 */
export class ClockSkew {
  private skew: number | undefined;
  private reported: number | undefined;

  constructor(private readonly now: () => number) {}

  get seconds(): number | undefined {
    return this.skew;
  }

  /** The correction applied when signing now, in seconds (0 when the setting is off or nothing is known). */
  correction(): number {
    return config.correctClockSkew() && this.skew !== undefined ? this.skew : 0;
  }

  /** The clock requests are signed with. */
  signingClock(): Clock {
    const correction = this.correction();
    return correction === 0 ? this.now : () => this.now() + correction * 1000;
  }

  /** Records a measurement taken while `correction` seconds were applied; returns the skew against the real clock. */
  record(measured: number | undefined, correction: number): number | undefined {
    if (measured === undefined) return this.skew;
    this.skew = measured + correction;
    return this.skew;
  }

  /** True once for a skew worth telling the person about (and again only when it changes by over a minute). */
  shouldReport(): boolean {
    const skew = this.skew;
    if (skew === undefined || Math.abs(skew) <= SKEW_NOTICE_SECONDS) return false;
    if (this.reported !== undefined && Math.abs(this.reported - skew) < 60) return false;
    this.reported = skew;
    return true;
  }
}
