import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * A V8 CPU profile of this worker over exactly one measured run (what `node --cpu-prof` would
 * record for the whole process, start-up and warm-up included). Written as a `.cpuprofile` that
 * Chrome DevTools and `profile-summary` read.
 */
export class RunProfiler {
  private session: Session | undefined;

  async start(): Promise<void> {
    if (this.session) throw new Error('a profile is already being recorded');
    const s = new Session();
    s.connect();
    await s.post('Profiler.enable');
    await s.post('Profiler.start');
    this.session = s;
  }

  async stop(file: string): Promise<void> {
    const s = this.session;
    if (!s) throw new Error('no profile is being recorded');
    this.session = undefined;
    const { profile } = await s.post('Profiler.stop');
    s.disconnect();
    writeFileSync(file, JSON.stringify(profile));
  }
}
