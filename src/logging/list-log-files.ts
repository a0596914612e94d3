import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { logFileDay, type LogKind } from './log-file-name';

export interface LogFile {
  name: string;
  path: string;
  day: string;
}

/** The kind's daily files in `directory` within [fromDay, toDay], newest day first. */
export async function listLogFiles(directory: string, kind: LogKind, fromDay?: string, toDay?: string): Promise<LogFile[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: LogFile[] = [];
  for (const name of names) {
    const day = logFileDay(kind, name);
    if (!day || (fromDay && day < fromDay) || (toDay && day > toDay)) continue;
    files.push({ name, path: join(directory, name), day });
  }
  return files.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}
