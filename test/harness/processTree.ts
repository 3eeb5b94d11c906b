/**
 * Stopping a process together with everything it started. Linux: reads /proc. A process that left
 * the group (a setsid'd shell) is not reached by kill(-pgid), so survivors are killed by pid.
 */
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One letter from /proc/<pid>/stat: R, S, Z (zombie, i.e. already dead) ... */
  state: string;
  cmdline: string;
}

/** Every process, by pid; empty where there is no /proc. */
export function processTable(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return table;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may contain spaces and parentheses.
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      table.set(Number(entry), { pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid), state, cmdline });
    } catch {
      // it ended while we looked
    }
  }
  return table;
}

/** `root` and all its descendants that are in the table. */
export function processTreeOf(root: number, table = processTable()): number[] {
  const tree = new Set<number>(table.has(root) ? [root] : []);
  let grew = true;
  while (grew) {
    grew = false;
    for (const info of table.values()) {
      if (!tree.has(info.pid) && (tree.has(info.ppid) || info.ppid === root)) {
        tree.add(info.pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

export function alive(pids: readonly number[], table = processTable()): number[] {
  return pids.filter((pid) => {
    const info = table.get(pid);
    return info !== undefined && info.state !== 'Z';
  });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * SIGTERM to the process group led by `leader` (it was spawned detached), then SIGKILL by pid to
 * anything of its tree still alive after `graceMs`. Returns the pids that needed SIGKILL.
 */
export async function stopProcessGroup(leader: number, graceMs = 10_000): Promise<number[]> {
  const tree = processTreeOf(leader);
  signal(-leader, 'SIGTERM');
  const end = Date.now() + graceMs;
  while (Date.now() < end && alive(tree).length > 0) await sleep(100);
  const survivors = alive(tree);
  signal(-leader, 'SIGKILL');
  for (const pid of survivors) signal(pid, 'SIGKILL');
  return survivors;
}

/** Synchronous last resort for process.on('exit'): SIGKILL to the group and its known tree. */
export function killProcessGroupNow(leader: number): void {
  const tree = processTreeOf(leader);
  signal(-leader, 'SIGKILL');
  for (const pid of tree) signal(pid, 'SIGKILL');
}

/** SIGKILL to descendants of this process whose command line contains `marker` (a browser left behind). */
export function killDescendantsMatching(marker: string): number[] {
  const table = processTable();
  const hits = processTreeOf(process.pid, table).filter((pid) => pid !== process.pid && table.get(pid)?.cmdline.includes(marker));
  for (const pid of hits) signal(pid, 'SIGKILL');
  return hits;
}
