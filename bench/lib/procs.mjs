// Every process the benchmark starts is registered here and killed (with its process group) at
// the end, on error, on Ctrl-C and on SIGTERM. Only these PIDs are ever signalled.
import { spawn } from 'node:child_process';

const live = new Map();

/** spawn() in a new process group, remembered until it exits. */
export function track(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  live.set(child.pid, child);
  child.once('exit', () => live.delete(child.pid));
  return child;
}

export function killAll() {
  for (const [pid] of live) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  live.clear();
}

export function liveCount() { return live.size; }

let installed = false;
/** Kills tracked processes however this process ends. */
export function installCleanup(extra = () => {}) {
  if (installed) return;
  installed = true;
  const bye = (code) => { try { extra(); } catch { /* ignore */ } killAll(); process.exit(code); };
  process.on('exit', () => { killAll(); });
  process.on('SIGINT', () => bye(130));
  process.on('SIGTERM', () => bye(143));
  process.on('uncaughtException', (e) => { console.error(e); bye(1); });
  process.on('unhandledRejection', (e) => { console.error(e); bye(1); });
}

/** Runs a command to completion; resolves with wall-clock milliseconds, exit code and output. */
export function runTimed(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = track(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}
