import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/profiles/profile';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { escapeMarkdown, profileItemText, sessionItemText, sessionLiveness } from '../../src/views/treeItemText';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;

function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'p1',
    name: 'Staging',
    applicationId: '12345',
    endpoint: 'https://api.example.com',
    hash: 'sha1',
    hasAccountKey: false,
    savedUsers: [],
    secretsVersion: 'v',
    ...overrides,
  };
}

function session(overrides: Partial<TrackedSession> = {}): TrackedSession {
  return {
    id: 's1',
    profileId: 'p1',
    kind: 'application',
    sessionId: 77,
    userId: 0,
    tokenPrefix: 'c56f38…',
    createdAt: NOW - MINUTE,
    expiresAt: NOW + 60 * MINUTE,
    ...overrides,
  };
}

describe('tree item text', () => {
  describe('a profile', () => {
    it('shows its name, application id and host; menus match "profile"', () => {
      const text = profileItemText(profile(), false);
      assert.equal(text.label, 'Staging');
      assert.equal(text.contextValue, 'profile');
      assert.equal(text.description, 'app 12345 · api.example.com');
      assert.deepEqual(text.icon, { id: 'account' });
      assert.equal(profileItemText(profile({ endpoint: 'http://localhost:3000' }), false).description, 'app 12345 · localhost:3000');
    });

    it('opens on its sessions, under an id that changes when it gains its first one', () => {
      const empty = profileItemText(profile(), false);
      const full = profileItemText(profile(), true);
      assert.equal(empty.expanded, false);
      assert.equal(full.expanded, true);
      assert.equal(empty.id, 'profile:p1:empty');
      assert.equal(full.id, 'profile:p1:sessions');
    });

    it('lists its details in the tooltip, with outside text escaped', () => {
      const bare = profileItemText(profile(), false).tooltip;
      assert.equal(
        bare,
        '**Staging**\n\nApplication id: 12345  \nEndpoint: https://api\\.example\\.com  \nSignature: HMAC-SHA1  \nAccount key: none  \nSaved users: none',
      );
      const full = profileItemText(
        profile({
          name: 'My *bold* [link](x)',
          hash: 'sha256',
          hasAccountKey: true,
          savedUsers: [
            { id: 'u1', kind: 'login', identifier: 'alice_1' },
            { id: 'u2', kind: 'email', identifier: 'bob@example.com' },
          ],
        }),
        false,
      ).tooltip;
      assert.match(full, /^\*\*My \\\*bold\\\* \\\[link\\\]\\\(x\\\)\*\*\n\n/);
      assert.match(full, /Signature: HMAC-SHA256 {2}\n/);
      assert.match(full, /Account key: saved {2}\n/);
      assert.match(full, /Saved users: alice\\_1, bob@example\\\.com$/);
    });

    it('the Local Sandbox profile says whether the sandbox runs, and where; its menus stay those of a profile', () => {
      const sandboxProfile = profile({ name: 'Local Sandbox', applicationId: '4242', endpoint: 'http://127.0.0.1:41234' });
      const running = profileItemText(sandboxProfile, false, { runningOn: '127.0.0.1:41234' });
      assert.equal(running.description, 'app 4242 · running on 127.0.0.1:41234');
      assert.deepEqual(running.icon, { id: 'beaker', color: 'testing.iconPassed' });
      assert.equal(running.contextValue, 'profile');
      assert.match(running.tooltip, /\n\nThe Local Sandbox is running on 127\.0\.0\.1:41234, inside VS Code; its credentials are made up\.$/);
      const stopped = profileItemText(sandboxProfile, true, { runningOn: undefined });
      assert.equal(stopped.description, 'app 4242 · not running');
      assert.deepEqual(stopped.icon, { id: 'beaker' });
      assert.equal(stopped.contextValue, 'profile');
      assert.equal(stopped.expanded, true);
      assert.match(stopped.tooltip, /The Local Sandbox is not running: start it with QuickBlox: Start Local Sandbox\.$/);
      // Any other profile on this computer is an ordinary one.
      assert.equal(profileItemText(sandboxProfile, false).description, 'app 4242 · 127.0.0.1:41234');
    });
  });

  describe('a session', () => {
    it('live application session: title, token label and time left; menus match its words', () => {
      const text = sessionItemText(session(), false, NOW);
      assert.equal(text.label, 'app');
      assert.equal(text.id, 'session:s1');
      assert.equal(text.description, 'c56f38… · 1 h 00 min');
      assert.equal(text.contextValue, 'session app noKeepAlive live');
      assert.deepEqual(text.icon, { id: 'key' });
    });

    it('user session, kept alive and active', () => {
      const text = sessionItemText(session({ kind: 'login', user: 'alice', userId: 42, keepAlive: true }), true, NOW);
      assert.equal(text.label, 'login · alice');
      assert.equal(text.description, 'c56f38… · 1 h 00 min · kept alive · active');
      assert.equal(text.contextValue, 'session user keepAlive live');
      assert.deepEqual(text.icon, { id: 'pass-filled' }, 'the active one is marked whatever its kind');
      assert.deepEqual(sessionItemText(session({ kind: 'login', user: 'alice', userId: 42 }), false, NOW).icon, { id: 'person' });
    });

    it('expiring: a warning icon in the warning colour', () => {
      const text = sessionItemText(session({ expiresAt: NOW + 9 * MINUTE }), true, NOW);
      assert.equal(text.contextValue, 'session app noKeepAlive expiring');
      assert.equal(text.description, 'c56f38… · 9 min · active');
      assert.deepEqual(text.icon, { id: 'warning', color: 'list.warningForeground' });
    });

    it('expired: an error icon, and no "kept alive" any more', () => {
      const text = sessionItemText(session({ expiresAt: NOW - MINUTE, keepAlive: true }), false, NOW);
      assert.equal(text.contextValue, 'session app keepAlive expired');
      assert.equal(text.description, 'c56f38… · expired');
      assert.deepEqual(text.icon, { id: 'error', color: 'list.errorForeground' });
      assert.match(text.tooltip, /\(expired\) {2}\nKeep-alive: on$/);
    });

    it('the tooltip: kind, who, token label, ids, whether it can write, times and keep-alive', () => {
      const app = sessionItemText(session(), false, NOW).tooltip;
      const created = new Date(NOW - MINUTE).toLocaleString();
      const expires = new Date(NOW + 60 * MINUTE).toLocaleString();
      assert.equal(
        app,
        `**Application**\n\nToken: \`c56f38…\`  \nSession id: 77  \nUser id: 0 (read-only)  \nCreated: ${created}  \nExpires: ${expires} (1 h 00 min left)  \nKeep-alive: off`,
      );
      const user = sessionItemText(session({ kind: 'email', user: 'a_b@example.com', userId: 42, sessionId: undefined }), false, NOW).tooltip;
      assert.match(user, /^\*\*User: email \+ password\*\* — a\\_b@example\\\.com\n\n/);
      assert.match(user, /Session id: not stated {2}\nUser id: 42 \(can write\)/);
      const unstated = sessionItemText(session({ kind: 'facebook', userId: undefined }), false, NOW).tooltip;
      assert.match(unstated, /User id: not stated \(can write\)/, 'a session whose answer named no user may have one');
    });

    it('live, expiring and expired by the same threshold as the status bar', () => {
      assert.equal(sessionLiveness(session({ expiresAt: NOW + 10 * MINUTE }), NOW), 'live');
      assert.equal(sessionLiveness(session({ expiresAt: NOW + 10 * MINUTE - 1 }), NOW), 'expiring');
      assert.equal(sessionLiveness(session({ expiresAt: NOW }), NOW), 'expired');
    });
  });

  it('escapes every Markdown character a name or login could carry', () => {
    assert.equal(escapeMarkdown('a\\b`c*d_e{f}g[h]i(j)k#l+m-n.o!p|q<r>s'), 'a\\\\b\\`c\\*d\\_e\\{f\\}g\\[h\\]i\\(j\\)k\\#l\\+m\\-n\\.o\\!p\\|q\\<r\\>s');
    assert.equal(escapeMarkdown('plain words'), 'plain words');
  });
});
