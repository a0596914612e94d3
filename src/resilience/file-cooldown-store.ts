import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { COOLDOWN_ERROR_TYPES } from '../config/plexus-config';
import type { CooldownEntry } from './cooldown-entry';
import { CooldownStore } from './cooldown-store';

const FILE_VERSION = 1;

interface CooldownFile {
  version: number;
  savedAt: string;
  entries: CooldownEntry[];
}

/**
 * Cooldowns in one JSON file at `resilience.cooldown.storagePath`. Writes go to a temp file that
 * is then renamed over the old one, so a crash mid-write never leaves half a file behind.
 */
@Injectable()
export class FileCooldownStore extends CooldownStore {
  private readonly logger = new Logger(FileCooldownStore.name);

  constructor(private readonly configService: ConfigService) {
    super();
  }

  private get path(): string {
    return this.configService.config.resilience.cooldown.storagePath;
  }

  async load(): Promise<CooldownEntry[]> {
    const path = this.path;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.warn(`cannot read cooldowns from ${path}, starting without them: ${(error as Error).message}`);
      }
      return [];
    }
    try {
      const file = JSON.parse(text) as Partial<CooldownFile>;
      if (!file || !Array.isArray(file.entries)) throw new Error('no "entries" array');
      const entries = file.entries.filter(isValidEntry);
      const skipped = file.entries.length - entries.length;
      if (skipped > 0) this.logger.warn(`${path}: ignored ${skipped} malformed cooldown entries`);
      return entries;
    } catch (error) {
      // A corrupt file must never stop the gateway: cooldowns are an optimisation, not state to protect.
      this.logger.warn(`${path} is not a valid cooldown file, ignoring it: ${(error as Error).message}`);
      return [];
    }
  }

  async save(entries: CooldownEntry[]): Promise<void> {
    const path = this.path;
    const file: CooldownFile = { version: FILE_VERSION, savedAt: new Date().toISOString(), entries };
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

function isValidEntry(value: unknown): value is CooldownEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.provider === 'string' &&
    (entry.model === null || typeof entry.model === 'string') &&
    COOLDOWN_ERROR_TYPES.includes(entry.type as never) &&
    typeof entry.until === 'string' &&
    !Number.isNaN(Date.parse(entry.until)) &&
    typeof entry.consecutiveFailures === 'number'
  );
}
