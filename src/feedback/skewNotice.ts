import { describeSkew, type ClockSkew } from '../host/clockSkew';
import { TIMESTAMP_WINDOW_SECONDS } from '../core';
import { config } from '../host/config';
import type { Log } from '../host/log';
import type { Prompts } from './prompts';

/** Tells the person once when the server's clock and this computer's differ by more than five minutes. */
export function reportClockSkew({ clockSkew, prompts, log }: { clockSkew: ClockSkew; prompts: Prompts; log: Log }): void {
  if (!clockSkew.shouldReport()) return;
  const skew = clockSkew.seconds ?? 0;
  const limit = Math.abs(skew) > TIMESTAMP_WINDOW_SECONDS ? 'more than the 60 minutes QuickBlox allows' : 'within the 60 minutes QuickBlox allows, but close enough to watch';
  const correcting = config.correctClockSkew();
  const message = `This computer's clock is ${describeSkew(skew)} QuickBlox's server, ${limit}.${correcting ? ' Requests are signed with the server\'s time.' : ''}`;
  log.warn(message);
  void prompts.ask('warning', message, correcting ? [] : ['Sign With Server Time']).then(async (action) => {
    if (action === 'Sign With Server Time') await config.setCorrectClockSkew(true);
  });
}
