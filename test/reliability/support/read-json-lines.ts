import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface JsonLinesReport {
  /** Every complete line that parsed, from every *.jsonl file under the folder. */
  records: any[];
  /** Complete lines (followed by a newline) that are not JSON objects: corruption. */
  brokenLines: Array<{ file: string; line: string }>;
  /** Text after the last newline of a file: a line cut by a crash (readers skip it). */
  partialTails: Array<{ file: string; text: string }>;
}

/**
 * Reads every JSONL log under a folder the way the readers do (complete lines only) and says
 * what else is there, so a test can tell "a crash cut the last line" from "a line is corrupt".
 */
export function readJsonLines(folder: string): JsonLinesReport {
  const report: JsonLinesReport = { records: [], brokenLines: [], partialTails: [] };
  for (const file of listFiles(folder).filter((path) => path.endsWith('.jsonl'))) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const tail = lines.pop()!;
    if (tail !== '') report.partialTails.push({ file, text: tail });
    for (const line of lines) {
      if (line === '') continue;
      try {
        const value = JSON.parse(line);
        if (value === null || typeof value !== 'object') throw new Error('not an object');
        report.records.push(value);
      } catch {
        report.brokenLines.push({ file, line: line.slice(0, 200) });
      }
    }
  }
  return report;
}

export function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const files: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(path);
  }
  return files;
}
