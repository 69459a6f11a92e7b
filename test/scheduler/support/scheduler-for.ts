import { DiscoveryService, ManualClock, Scheduler, type SchedulerOptions, type Type } from '../../../src/index.js';
import { CaptureLogger } from './capture.logger.js';

export interface SchedulerHarness { scheduler: Scheduler; clock: ManualClock; log: CaptureLogger }

/** A Scheduler over plain instances, on a ManualClock, without an app or a transport. */
export function schedulerFor(instances: object[], options: SchedulerOptions & { clock?: ManualClock } = {}): SchedulerHarness {
  const discovery = new DiscoveryService();
  discovery.setInstances(instances.map((instance) => ({ token: instance.constructor as Type, cls: undefined, instance, module: 'TestModule', isController: false })));
  const clock = options.clock ?? new ManualClock();
  const log = new CaptureLogger();
  const scheduler = new Scheduler({ ...options, clock, discovery, logger: log, service: 'test' });
  scheduler.load();
  return { scheduler, clock, log };
}
