/**
 * The secret-leak audit: after a tier typed known made-up secrets into the workbench and the
 * sandbox issued session tokens, every file the run wrote (code-server's user data, extensions
 * and XDG folders, the workspace, the Chromium profile, the run's artifacts) is searched for each
 * secret, as UTF-8 and as UTF-16LE bytes. LevelDB tables (.ldb, Chromium's IndexedDB and Local
 * Storage) are also searched after their Snappy blocks are decompressed.
 *
 * One place is left out of the count: where VS Code for the Web keeps SecretStorage. code-server's
 * workbench seals all secrets of a browser profile into one localStorage item, `secrets.provider`
 * of the workbench's origin, so they live in <chromium-profile>/Default/Local Storage/leveldb/. It
 * is still searched, and its hits (0 expected: the item is AES-GCM sealed) are reported apart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Sandbox } from '../sandbox/server';
import { say } from './log';
import { REPO_ROOT } from './repo';
import { writeJsonAtomically } from './results';
import { logPayload, snappyBlocksOfTable } from './leveldbTable';

export interface KnownSecret {
  /** What it is, for reports: never the value. */
  label: string;
  value: string;
}

export interface AuditArea {
  /** A short name for figures: "user data", "Chromium profile", ... */
  name: string;
  root: string;
}

export interface LeakHit {
  /** Relative to the repository when inside it, else absolute. */
  file: string;
  secret: string;
  /** The secret's first characters, as logs may show them. */
  masked: string;
  encoding: 'utf8' | 'utf16le';
  /** Found only once LevelDB's framing or Snappy compression was undone. */
  decompressed?: boolean;
}

export interface AuditReport {
  figure: 'leaks';
  measuredAt: string;
  tier: string;
  /** Hits outside SecretStorage's own place: must be 0. */
  hits: number;
  secrets: number;
  secretLabels: string[];
  filesScanned: number;
  bytesScanned: number;
  encodings: Array<'utf8' | 'utf16le'>;
  areas: Record<string, { root: string; files: number; bytes: number; hits: number }>;
  /** In-memory text about to be written (results.json), scanned as if it were a file. */
  pending: Array<{ name: string; bytes: number; hits: number }>;
  secretStorage: { where: string; why: string; files: number; bytes: number; plaintextHits: number };
  /** LevelDB files read beyond their raw bytes. */
  levelDb: { tables: number; snappyBlocks: number; logs: number };
  /** Values that are not secret but must be found (a blind scan would miss them too): where they were. */
  canaries: Array<{ label: string; foundIn: string[]; missingFrom: string[] }>;
  leaks: LeakHit[];
}

/** The sandbox's made-up credentials, every live session token, and the `extra` secrets a story typed. */
export function knownSecrets(sandbox: Sandbox, extra: ReadonlyArray<KnownSecret> = []): KnownSecret[] {
  const found: KnownSecret[] = [];
  for (const app of sandbox.fixtures.apps) {
    found.push(
      { label: `${app.name} auth key`, value: app.authKey },
      { label: `${app.name} auth secret`, value: app.authSecret },
      { label: `${app.name} account key`, value: app.accountKey },
    );
    for (const user of app.users) found.push({ label: `password of ${user.login}`, value: user.password });
    for (const fb of app.facebookTokens ?? []) {
      found.push({ label: `Facebook token of user ${fb.userId}`, value: fb.token });
      if (fb.secret) found.push({ label: `Facebook secret of user ${fb.userId}`, value: fb.secret });
    }
    for (const fb of app.firebase?.accessTokens ?? []) found.push({ label: `Firebase token of user ${fb.userId}`, value: fb.token });
    for (const identity of app.customIdentityProvider?.identities ?? []) found.push({ label: `IdP password of ${identity.login}`, value: identity.password });
  }
  // Every token issued, not only the live ones: a token of an ended or expired session on disk is a leak too.
  for (const session of sandbox.issuedSessions()) {
    found.push({ label: `session token ${session.id} (app ${session.applicationId}, user ${session.userId})`, value: session.token });
  }
  found.push(...extra);
  const seen = new Set<string>();
  return found.filter((secret) => secret.value.length >= 8 && !seen.has(secret.value) && seen.add(secret.value));
}

/** The first 6 characters and an ellipsis, like the extension's own masks. */
export function mask(value: string): string {
  return `${value.slice(0, 6)}…`;
}

interface Needle {
  secret: KnownSecret;
  encoding: 'utf8' | 'utf16le';
  bytes: Buffer;
}

function needles(secrets: ReadonlyArray<KnownSecret>): Needle[] {
  return secrets.flatMap((secret) => (['utf8', 'utf16le'] as const).map((encoding) => ({ secret, encoding, bytes: Buffer.from(secret.value, encoding) })));
}

function* files(root: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

function shown(file: string): string {
  const relative = path.relative(REPO_ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

function search(content: Buffer, all: Needle[], where: string, decompressed: boolean): LeakHit[] {
  const hits: LeakHit[] = [];
  for (const needle of all) {
    if (content.indexOf(needle.bytes) >= 0) {
      hits.push({
        file: where,
        secret: needle.secret.label,
        masked: mask(needle.secret.value),
        encoding: needle.encoding,
        ...(decompressed ? { decompressed } : {}),
      });
    }
  }
  return hits;
}

function isLevelDbLog(file: string): boolean {
  return file.endsWith('.log') && fs.existsSync(path.join(path.dirname(file), 'CURRENT'));
}

/** The raw bytes; for a LevelDB table also each Snappy block decompressed, for its log the records joined. */
function scanFile(file: string, all: Needle[], levelDb: AuditReport['levelDb']): { bytes: number; hits: LeakHit[] } {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return { bytes: 0, hits: [] };
  }
  const where = shown(file);
  const hits = search(content, all, where, false);
  const unpacked = file.endsWith('.ldb') ? snappyBlocksOfTable(content) : isLevelDbLog(file) ? [logPayload(content)] : [];
  if (file.endsWith('.ldb')) {
    levelDb.tables++;
    levelDb.snappyBlocks += unpacked.length;
  } else if (unpacked.length) levelDb.logs++;
  for (const part of unpacked) {
    for (const hit of search(part, all, where, true)) {
      if (!hits.some((other) => other.secret === hit.secret && other.encoding === hit.encoding)) hits.push(hit);
    }
  }
  return { bytes: content.length, hits };
}

export interface AuditOptions {
  tier: string;
  secrets: ReadonlyArray<KnownSecret>;
  areas: ReadonlyArray<AuditArea>;
  /** SecretStorage's own folder: searched, reported apart, not counted. */
  secretStorageDir: string;
  /** Text about to be written to disk after the audit (e.g. results.json), by name. */
  pending?: Record<string, string>;
  /**
   * Values that are not secret and that the run surely wrote into the named areas (a profile name
   * into globalState, the logs, the export): if the scan cannot find them there, it is blind there.
   */
  canaries?: ReadonlyArray<{ label: string; value: string; areas: string[] }>;
  /** Where the figures JSON goes. */
  figuresFile: string;
  /** No progress lines and no `leak hits: N` line (unit tests). */
  quiet?: boolean;
}

export function auditFiles(options: AuditOptions): AuditReport {
  const all = needles(options.secrets);
  const report: AuditReport = {
    figure: 'leaks',
    measuredAt: new Date().toISOString(),
    tier: options.tier,
    hits: 0,
    secrets: options.secrets.length,
    secretLabels: options.secrets.map((secret) => secret.label),
    filesScanned: 0,
    bytesScanned: 0,
    encodings: ['utf8', 'utf16le'],
    areas: {},
    pending: [],
    secretStorage: {
      where: shown(options.secretStorageDir),
      why: "code-server's workbench keeps every secret of the browser profile in one AES-GCM sealed localStorage item, `secrets.provider`; the key is its own first 32 bytes XOR the server half in <user-data>/serve-web-key-half",
      files: 0,
      bytes: 0,
      plaintextHits: 0,
    },
    levelDb: { tables: 0, snappyBlocks: 0, logs: 0 },
    canaries: [],
    leaks: [],
  };
  const canaries = options.canaries ?? [];
  const canaryFound = canaries.map(() => new Set<string>());
  const canaryIndex = new Map(canaries.map((canary, i) => [`canary: ${canary.label}`, i]));
  const everything = [...all, ...needles(canaries.map((canary) => ({ label: `canary: ${canary.label}`, value: canary.value })))];
  const storage = path.resolve(options.secretStorageDir) + path.sep;
  const done = new Set<string>();
  for (const area of options.areas) {
    const figures = (report.areas[area.name] ??= { root: shown(area.root), files: 0, bytes: 0, hits: 0 });
    for (const file of files(area.root)) {
      if (done.has(file)) continue;
      done.add(file);
      const scanned = scanFile(file, everything, report.levelDb);
      const { bytes } = scanned;
      const hits = scanned.hits.filter((hit) => {
        const index = canaryIndex.get(hit.secret);
        if (index !== undefined) canaryFound[index].add(area.name);
        return index === undefined;
      });
      if (path.resolve(file).startsWith(storage)) {
        report.secretStorage.files++;
        report.secretStorage.bytes += bytes;
        report.secretStorage.plaintextHits += hits.length;
        continue;
      }
      figures.files++;
      figures.bytes += bytes;
      figures.hits += hits.length;
      report.filesScanned++;
      report.bytesScanned += bytes;
      report.leaks.push(...hits);
    }
  }
  for (const [name, text] of Object.entries(options.pending ?? {})) {
    const content = Buffer.from(text, 'utf8');
    const hits = search(content, all, `${name} (in memory, written after the audit)`, false);
    report.pending.push({ name, bytes: content.length, hits: hits.length });
    report.filesScanned++;
    report.bytesScanned += content.length;
    report.leaks.push(...hits);
  }
  report.canaries = canaries.map((canary, i) => ({
    label: canary.label,
    foundIn: [...canaryFound[i]],
    missingFrom: canary.areas.filter((area) => !canaryFound[i].has(area)),
  }));
  report.hits = report.leaks.length;
  writeJsonAtomically(options.figuresFile, report);
  if (options.quiet) return report;
  for (const leak of report.leaks) {
    say(`LEAK: ${leak.file} holds the ${leak.secret} (${leak.masked}) as ${leak.encoding}${leak.decompressed ? ' (in a LevelDB record or Snappy block)' : ''}`);
  }
  for (const canary of report.canaries) {
    if (canary.missingFrom.length) {
      say(`BLIND: the ${canary.label} was not found in ${canary.missingFrom.join(', ')}: the scan cannot read what is written there`);
    }
  }
  say(
    `leak audit: ${report.secrets} secrets × 2 encodings in ${report.filesScanned} files (${(report.bytesScanned / 1048576).toFixed(1)} MiB); SecretStorage (${report.secretStorage.where}, ${report.secretStorage.files} files) searched apart: ${report.secretStorage.plaintextHits} plaintext hits`,
  );
  process.stdout.write(`leak hits: ${report.hits}\n`);
  return report;
}
