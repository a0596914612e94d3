import { BadRequestException } from '@nestjs/common';
import { utcDay } from './log-file-name';

/** A query's [from, to) window in epoch ms, plus the day files it can touch. */
export interface TimeRange {
  fromMs?: number;
  toMs?: number;
  fromDay?: string;
  toDay?: string;
}

/** Parses `from` (inclusive) and `to` (exclusive); throws a 400 naming the bad value. */
export function parseTimeRange(from?: string | Date, to?: string | Date): TimeRange {
  const range: TimeRange = {};
  if (from !== undefined) {
    range.fromMs = toMillis('from', from);
    range.fromDay = utcDay(range.fromMs);
  }
  if (to !== undefined) {
    range.toMs = toMillis('to', to);
    // `to` is exclusive: a window ending exactly at midnight does not need that day's file.
    range.toDay = utcDay(range.toMs - 1);
  }
  return range;
}

export function inTimeRange(range: TimeRange, isoTime: string): boolean {
  if (range.fromMs === undefined && range.toMs === undefined) return true;
  const millis = Date.parse(isoTime);
  if (Number.isNaN(millis)) return false;
  return (range.fromMs === undefined || millis >= range.fromMs) && (range.toMs === undefined || millis < range.toMs);
}

function toMillis(name: string, value: string | Date): number {
  const millis = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(millis)) throw new BadRequestException(`"${name}" must be an ISO date or time, got "${String(value)}"`);
  return millis;
}
