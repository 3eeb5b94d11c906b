import type { ClockSkew } from '../host/clockSkew';
import { clock } from './messages';
import { TIMESTAMP_WINDOW_SECONDS } from '../core';
import { config } from '../host/config';
import type { Log } from '../host/log';
import type { Prompts } from './prompts';

/** Tells the person once when the server's clock and this computer's differ by more than five minutes. */
export function reportClockSkew({ clockSkew, prompts, log }: { clockSkew: ClockSkew; prompts: Prompts; log: Log }): void {
  if (!clockSkew.shouldReport()) return;
  const skew = clockSkew.seconds ?? 0;
  const correcting = config.correctClockSkew();
  const message = clock.skewNotice(skew, Math.abs(skew) > TIMESTAMP_WINDOW_SECONDS, correcting);
  log.warn(message);
  const sign = { id: 'sign' as const, label: clock.signWithServerTime() };
  void prompts.choose('warning', message, correcting ? [] : [sign]).then(async (action) => {
    if (action === 'sign') await config.setCorrectClockSkew(true);
  });
}
