import { describeSkew } from '../host/clockSkew';
import { TIMESTAMP_WINDOW_SECONDS } from '../core';
import { config } from '../host/config';
import type { Services } from '../services';

/** Tells the person once when the server's clock and this computer's differ by more than five minutes. */
export function reportClockSkew(services: Services): void {
  if (!services.clockSkew.shouldReport()) return;
  const skew = services.clockSkew.seconds ?? 0;
  const limit = Math.abs(skew) > TIMESTAMP_WINDOW_SECONDS ? 'more than the 60 minutes QuickBlox allows' : 'within the 60 minutes QuickBlox allows, but close enough to watch';
  const correcting = config.correctClockSkew();
  const message = `This computer's clock is ${describeSkew(skew)} QuickBlox's server, ${limit}.${correcting ? ' Requests are signed with the server\'s time.' : ''}`;
  services.log.warn(message);
  void services.prompts.ask('warning', message, correcting ? [] : ['Sign With Server Time']).then(async (action) => {
    if (action === 'Sign With Server Time') await config.setCorrectClockSkew(true);
  });
}
