import * as assert from 'node:assert/strict';
import type { Profile } from '../../src/profiles/profile';
import { timeLeft } from '../../src/feedback/messages';
import { sessionTitle, tokenLabel, type TrackedSession } from '../../src/sessions/store/trackedSession';
import { EXPIRING_MS, statusLook, statusState } from '../../src/views/statusBarText';

const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;

function session(overrides: Partial<TrackedSession> = {}): TrackedSession {
  return {
    id: 's1',
    profileId: 'p1',
    kind: 'application',
    userId: 0,
    tokenPrefix: 'c56f38…',
    createdAt: NOW - MINUTE,
    expiresAt: NOW + 60 * MINUTE,
    ...overrides,
  };
}

const profiles = {
  get: (id: string): Profile | undefined =>
    id === 'p1'
      ? {
          id,
          name: 'Staging',
          applicationId: '1',
          endpoint: 'https://api.example.com',
          hash: 'sha1',
          hasAccountKey: false,
          savedUsers: [],
          secretsVersion: 'v',
        }
      : undefined,
};

describe('status bar text', () => {
  it('time left reads in hours and minutes, under a minute, or expired', () => {
    assert.equal(timeLeft(NOW + 125 * MINUTE, NOW), '2 h 05 min');
    assert.equal(timeLeft(NOW + 60 * MINUTE, NOW), '1 h 00 min');
    assert.equal(timeLeft(NOW + 59 * MINUTE + 59_000, NOW), '59 min');
    assert.equal(timeLeft(NOW + 59_000, NOW), '< 1 min');
    assert.equal(timeLeft(NOW, NOW), 'expired');
    assert.equal(timeLeft(NOW - 1, NOW), 'expired');
  });

  it('a session is active, expiring below ten minutes left, or expired; its profile is named, or said to be deleted', () => {
    assert.deepEqual(statusState(undefined, profiles, NOW), { kind: 'none' });
    assert.equal(statusState(session({ expiresAt: NOW + EXPIRING_MS }), profiles, NOW).kind, 'active');
    assert.equal(statusState(session({ expiresAt: NOW + EXPIRING_MS - 1 }), profiles, NOW).kind, 'expiring');
    assert.equal(statusState(session({ expiresAt: NOW + 1 }), profiles, NOW).kind, 'expiring');
    assert.equal(statusState(session({ expiresAt: NOW }), profiles, NOW).kind, 'expired');
    const named = statusState(session(), profiles, NOW);
    assert.ok(named.kind === 'active' && named.profileName === 'Staging');
    const orphan = statusState(session({ profileId: 'gone' }), profiles, NOW);
    assert.ok(orphan.kind === 'active' && orphan.profileName === 'deleted profile');
  });

  it('no session: asks to create one', () => {
    assert.deepEqual(statusLook({ kind: 'none' }, NOW), {
      text: '$(key) QuickBlox: no session',
      tooltip: 'No QuickBlox session yet: click to create one.',
      command: 'quickblox.createSession',
    });
  });

  it('an active application session: profile, kind and time left; a click copies the token', () => {
    const look = statusLook(statusState(session(), profiles, NOW), NOW);
    assert.deepEqual(look, {
      text: '$(key) Staging · app · 1 h 00 min',
      tooltip: 'QuickBlox session c56f38… (Staging · app), 1 h 00 min left.\nClick to copy its token.',
      command: 'quickblox.statusBarClicked',
    });
    assert.ok(!('background' in look), 'no colour while all is well');
  });

  it('a kept-alive session says so in the tooltip', () => {
    const look = statusLook(statusState(session({ keepAlive: true }), profiles, NOW), NOW);
    assert.equal(look.tooltip, 'QuickBlox session c56f38… (Staging · app), 1 h 00 min left, kept alive.\nClick to copy its token.');
  });

  it('a user session names who signed in; one of a deleted profile says so', () => {
    const user = session({ kind: 'email', user: 'alice@example.com', userId: 42 });
    assert.equal(statusLook(statusState(user, profiles, NOW), NOW).text, '$(key) Staging · email · alice@example.com · 1 h 00 min');
    assert.equal(statusLook(statusState(session({ profileId: 'gone' }), profiles, NOW), NOW).text, '$(key) deleted profile · app · 1 h 00 min');
  });

  it('an expiring session warns, in the warning colour, and offers keep-alive and recreate', () => {
    const look = statusLook(statusState(session({ expiresAt: NOW + 9 * MINUTE }), profiles, NOW), NOW);
    assert.deepEqual(look, {
      text: '$(warning) Staging · app · 9 min',
      tooltip: 'QuickBlox session c56f38… expires in 9 min.\nClick to copy its token, keep it alive or recreate it.',
      background: 'statusBarItem.warningBackground',
      command: 'quickblox.statusBarClicked',
    });
  });

  it('an expired session errs, in the error colour, and offers to recreate it', () => {
    const look = statusLook(statusState(session({ expiresAt: NOW - MINUTE }), profiles, NOW), NOW);
    assert.deepEqual(look, {
      text: '$(error) Staging · app · expired',
      tooltip: 'QuickBlox session c56f38… has expired.\nClick to recreate it.',
      background: 'statusBarItem.errorBackground',
      command: 'quickblox.statusBarClicked',
    });
  });

  it('while the Local Sandbox runs, carries its mark and says where in the tooltip, whatever the session', () => {
    const none = statusLook({ kind: 'none' }, NOW, '127.0.0.1:41234');
    assert.equal(none.text, '$(key) QuickBlox: no session $(beaker)');
    assert.equal(none.tooltip, 'No QuickBlox session yet: click to create one.\nThe Local Sandbox is running on 127.0.0.1:41234.');
    assert.equal(none.command, 'quickblox.createSession');
    const expiring = statusLook(statusState(session({ expiresAt: NOW + 9 * MINUTE }), profiles, NOW), NOW, '127.0.0.1:41234');
    assert.equal(expiring.text, '$(warning) Staging · app · 9 min $(beaker)');
    assert.equal(expiring.background, 'statusBarItem.warningBackground');
    assert.ok(expiring.tooltip.endsWith('\nThe Local Sandbox is running on 127.0.0.1:41234.'));
    assert.ok(!statusLook({ kind: 'none' }, NOW).text.includes('beaker'), 'no mark while it does not run');
  });

  it('counts time left from the time given, not from when the state was taken', () => {
    const state = statusState(session(), profiles, NOW);
    assert.equal(statusLook(state, NOW + 30 * MINUTE).text, '$(key) Staging · app · 30 min');
  });

  it('session titles: kind and user, signed in to an app session, signed out', () => {
    assert.equal(sessionTitle(session()), 'app');
    assert.equal(sessionTitle(session({ kind: 'login', user: 'alice', userId: 5 })), 'login · alice');
    assert.equal(sessionTitle(session({ kind: 'custom', user: 'bob' })), 'custom IdP · bob');
    assert.equal(sessionTitle(session({ upgraded: { kind: 'email', identifier: 'carol@example.com' }, userId: 9 })), 'app → carol@example.com');
    assert.equal(sessionTitle(session({ kind: 'login', user: 'alice', signedOut: true })), 'app (signed out alice)');
    assert.equal(sessionTitle(session({ signedOut: true })), 'app (signed out)');
  });

  it('a token is named by its first characters; a JWT by the start of its signature, not its common header', () => {
    assert.equal(tokenLabel('c56f382b402fb482086db956064592d3cd012bba'), 'c56f38…');
    const header = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
    const jwt = `${header}.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Q3ZbT9xkR2mWvL8pYs7dN1aF`;
    assert.equal(tokenLabel(jwt), 'jwt …Q3ZbT9…');
    assert.ok(!tokenLabel(jwt).includes(header.slice(0, 6)));
    assert.equal(tokenLabel(`${header}.e30.short`), `${header.slice(0, 6)}…`, 'a signature too short to tell tokens apart: named as any token');
    assert.equal(tokenLabel('short'), '••••••••');
  });
});
