import type { Prompts } from '../../feedback/prompts';
import type { Clock } from '../../host/clock';
import type { ClockSkew } from '../../host/clockSkew';
import type { Log } from '../../host/log';
import type { LocalSandbox } from '../../localSandbox/localSandbox';
import type { ProfileStore } from '../../profiles/profileStore';
import type { ResponseView } from '../../views/responseView';
import type { SessionStore } from '../store/sessionStore';

/** What session operations are built from; each part takes only the fields it uses. */
export interface SessionDeps {
  profiles: ProfileStore;
  sessions: SessionStore;
  documents: ResponseView;
  prompts: Prompts;
  log: Log;
  clock: Clock;
  clockSkew: ClockSkew;
  /** Whether a failed request went to the Local Sandbox while it is stopped (then Start Local Sandbox is offered). */
  localSandbox: Pick<LocalSandbox, 'isStoppedProfile'>;
}
