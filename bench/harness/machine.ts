import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** The machine a result was measured on, as the README's Performance section describes it. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  natsServer: string;
  natsClient: string;
  /** 1-minute load average when the run started: a busy shared machine shows here. */
  loadAvg1: number;
}

function natsServerVersion(): string {
  try {
    return execFileSync('nats-server', ['--version'], { encoding: 'utf8', timeout: 5000 }).trim();
  } catch (err) {
    return `unknown (${(err as Error).message})`;
  }
}

export function describeMachine(natsClient: string): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    natsServer: natsServerVersion(),
    natsClient,
    loadAvg1: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
