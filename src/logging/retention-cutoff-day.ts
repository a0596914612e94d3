import { utcDay } from './log-file-name';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The oldest UTC day kept when keeping `retentionDays`: today and the `retentionDays` days
 * before it survive, anything older goes. Undefined (keep everything) when retentionDays <= 0.
 */
export function retentionCutoffDay(now: Date, retentionDays: number): string | undefined {
  if (!(retentionDays > 0)) return undefined;
  return utcDay(now.getTime() - Math.floor(retentionDays) * DAY_MS);
}
