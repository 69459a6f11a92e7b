/** Hooks any provider or controller may implement; Panini awaits each in dependency order. */
export interface OnModuleInit { onModuleInit(): unknown }
export interface OnApplicationBootstrap { onApplicationBootstrap(): unknown }
export interface OnModuleDestroy { onModuleDestroy(): unknown }
export interface BeforeApplicationShutdown { beforeApplicationShutdown(signal?: string): unknown }
export interface OnApplicationShutdown { onApplicationShutdown(signal?: string): unknown }

export type LifecycleHook =
  | 'onModuleInit'
  | 'onApplicationBootstrap'
  | 'onModuleDestroy'
  | 'beforeApplicationShutdown'
  | 'onApplicationShutdown';

/** Calls `hook` on each instance that has it, one after another; start hooks in order, stop hooks reversed. */
export async function callHook(instances: readonly unknown[], hook: LifecycleHook, signal?: string): Promise<void> {
  const reverse = hook === 'onModuleDestroy' || hook === 'beforeApplicationShutdown' || hook === 'onApplicationShutdown';
  const list = reverse ? [...instances].reverse() : instances;
  for (const inst of list) {
    const fn = (inst as Record<string, unknown> | null)?.[hook];
    if (typeof fn === 'function') await (fn as (s?: string) => unknown).call(inst, signal);
  }
}
