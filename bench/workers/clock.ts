/**
 * Clocks the workers report with. `process.hrtime` reads the system-wide monotonic clock, so a
 * time taken in the sender and one taken in the receiver can be subtracted.
 */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

/** CPU time (user + system) of this process since `start`, in µs. */
export function cpuSinceUs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

/** Sorted copy; percentile by nearest rank. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
