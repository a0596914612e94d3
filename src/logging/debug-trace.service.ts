import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigService } from '../config/config.service';
import { DebugTrace } from './debug-trace';
import type { DebugTraceDocument } from './debug-trace-document';
import { debugTraceDay, debugTraceFile } from './debug-trace-file';
import { isDay } from './log-file-name';
import { SecretMasker } from './secret-masker';

/** Cap on the captured text of one trace (about 2 MB on disk). */
export const DEBUG_TRACE_MAX_CHARS = 2 * 1024 * 1024;
const WRITE_ERROR_LOG_INTERVAL_MS = 60_000;

/**
 * Per-request debug traces, switchable at runtime. When off, `start` returns undefined and the
 * proxy's `trace?.…` calls cost nothing. When on, each finished trace is masked (credential
 * headers, `key=` parameters, every secret value from the config) and written as one file.
 */
@Injectable()
export class DebugTraceService implements OnApplicationShutdown {
  private readonly logger = new Logger(DebugTraceService.name);
  private isEnabled: boolean;
  private readonly pendingWrites = new Set<Promise<void>>();
  private lastWriteErrorLoggedAt = 0;

  constructor(
    private readonly configService: ConfigService,
    private readonly masker: SecretMasker,
  ) {
    this.isEnabled = configService.config.logging.debug.enabled;
    // A config change to debug.enabled wins over an earlier runtime switch; other reloads keep it.
    configService.onChange((next, previous) => {
      if (next.config.logging.debug.enabled !== previous.config.logging.debug.enabled) this.isEnabled = next.config.logging.debug.enabled;
    });
  }

  get enabled(): boolean {
    return this.isEnabled;
  }

  setEnabled(on: boolean): void {
    this.isEnabled = on;
  }

  start(requestId: string): DebugTrace | undefined {
    if (!this.isEnabled) return undefined;
    const { captureRequests, captureResponses } = this.configService.config.logging.debug;
    return new DebugTrace(requestId, {
      captureRequests,
      captureResponses,
      maxChars: DEBUG_TRACE_MAX_CHARS,
      maskHeaders: (headers) => this.masker.maskHeaders(headers),
      onFinish: (document) => this.write(document),
    });
  }

  /** The trace of one request, newest day first; undefined when there is none. */
  async read(requestId: string): Promise<DebugTraceDocument | undefined> {
    const storagePath = this.configService.config.logging.debug.storagePath;
    let days: string[];
    try {
      days = (await readdir(storagePath)).filter(isDay).sort().reverse();
    } catch {
      return undefined;
    }
    for (const day of days) {
      try {
        return JSON.parse(await readFile(debugTraceFile(storagePath, day, requestId), 'utf8')) as DebugTraceDocument;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return undefined;
  }

  /** Resolves when every finished trace is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  onApplicationShutdown(): Promise<void> {
    return this.flush();
  }

  private write(document: DebugTraceDocument): void {
    const storagePath = this.configService.config.logging.debug.storagePath;
    const path = debugTraceFile(storagePath, debugTraceDay(document.startedAt), document.requestId);
    const pending = (async () => {
      // Masking the serialised text catches secrets anywhere: bodies, URLs, stream text, summary.
      const text = this.masker.maskText(JSON.stringify(document, null, 2));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    })()
      .catch((error: Error) => this.noteWriteError(path, error))
      .finally(() => this.pendingWrites.delete(pending));
    this.pendingWrites.add(pending);
  }

  private noteWriteError(path: string, error: Error): void {
    const now = Date.now();
    if (now - this.lastWriteErrorLoggedAt < WRITE_ERROR_LOG_INTERVAL_MS) return;
    this.lastWriteErrorLoggedAt = now;
    this.logger.error(`cannot write debug trace ${path}: ${error.message}`);
  }
}
