import { Injectable, Logger, type LoggerService, type OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildConfigSnapshot } from './build-config-snapshot';
import { ConfigError } from './config-error';
import { ConfigFileWatcher } from './config-file-watcher';
import { describeConfigNotices } from './describe-config-notices';
import { loadConfigFile } from './load-config-file';
import { type ConfigFormat, parseConfigDocument } from './parse-config-document';
import { parseConfigText } from './parse-config-text';
import type { ConfigSnapshot, PlexusConfig } from './plexus-config';
import { renderConfigFile } from './render-config-file';
import { restoreMaskedSecrets } from './restore-masked-secrets';
import { writeFileAtomically } from './write-file-atomically';

export type ConfigListener = (snapshot: ConfigSnapshot, previous: ConfigSnapshot) => void;

export type ConfigValidation =
  | { ok: true; snapshot: ConfigSnapshot }
  | { ok: false; problems: string[]; warnings: string[] };

export interface ConfigServiceOptions {
  /** Where `{env:NAME}` values come from on later loads (default process.env). */
  env?: NodeJS.ProcessEnv;
  logger?: Pick<LoggerService, 'log' | 'warn' | 'error'>;
}

type Prepared = { ok: true; snapshot: ConfigSnapshot; fileText: string } | Extract<ConfigValidation, { ok: false }>;

/**
 * Hands out the current immutable config snapshot and tells subscribers when a new one is
 * applied. Services read `config` at use time (never cache sections) so hot reloads take effect.
 * New snapshots come from the admin API (`applyText`) or from edits to the file (`watch`); an
 * invalid one never replaces the running config.
 */
@Injectable()
export class ConfigService implements OnModuleDestroy {
  private current: ConfigSnapshot;
  private readonly listeners = new Set<ConfigListener>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly logger: Pick<LoggerService, 'log' | 'warn' | 'error'>;
  /** Hash of the file content last applied, so the watcher ignores our own writes and no-op saves. */
  private fileHash?: string;
  private watcher?: ConfigFileWatcher;
  private applying: Promise<unknown> = Promise.resolve();

  constructor(initial: ConfigSnapshot, options: ConfigServiceOptions = {}) {
    this.current = initial;
    this.env = options.env ?? process.env;
    this.logger = options.logger ?? new Logger('Config');
    this.fileHash = initial.sourceText === undefined ? undefined : contentHash(initial.sourceText);
  }

  /** Loads and validates the file (throws ConfigError) and reports unset variables and warnings once. */
  static fromFile(path: string, env: NodeJS.ProcessEnv = process.env, options: Omit<ConfigServiceOptions, 'env'> = {}): ConfigService {
    const service = new ConfigService(loadConfigFile(path, env), { ...options, env });
    service.reportNotices(service.snapshot);
    return service;
  }

  get snapshot(): ConfigSnapshot {
    return this.current;
  }

  get config(): Readonly<PlexusConfig> {
    return this.current.config;
  }

  /** Returns an unsubscribe function. */
  onChange(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Swap in an already validated snapshot and notify subscribers. */
  replace(snapshot: ConfigSnapshot): void {
    const previous = this.current;
    this.current = snapshot;
    for (const listener of this.listeners) {
      // One failing subscriber must not keep the others on the old config.
      try {
        listener(snapshot, previous);
      } catch (error) {
        this.logger.error(`a configuration listener failed: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }

  /** Checks a whole config as the admin API would apply it; nothing is applied or written. */
  validateText(text: string, format: ConfigFormat = 'yaml'): ConfigValidation {
    const prepared = this.prepare(text, format);
    return prepared.ok ? { ok: true, snapshot: prepared.snapshot } : prepared;
  }

  /**
   * Validates, writes the file atomically and applies a whole config. A masked secret
   * (`********`) keeps its current value. Calls run one after another.
   */
  applyText(text: string, format: ConfigFormat = 'yaml'): Promise<ConfigValidation> {
    const run = this.applying.then(() => this.applyNow(text, format));
    this.applying = run.catch(() => undefined);
    return run;
  }

  /** Applies valid edits of the file without a restart; rejects invalid ones and keeps running. */
  watch(): void {
    this.watcher ??= new ConfigFileWatcher(
      this.current.path,
      () => this.reloadFromFile(),
      (error) => this.logger.error(`watching ${this.current.path} failed: ${error.message}`),
    );
    try {
      this.watcher.start();
    } catch (error) {
      // Serving without hot reload beats not serving.
      this.logger.error(`cannot watch ${this.current.path} (${(error as Error).message}); edits apply after a restart`);
    }
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  onModuleDestroy(): void {
    this.close();
  }

  private async applyNow(text: string, format: ConfigFormat): Promise<ConfigValidation> {
    const prepared = this.prepare(text, format);
    if (!prepared.ok) return prepared;
    await writeFileAtomically(prepared.snapshot.path, prepared.fileText);
    this.fileHash = contentHash(prepared.fileText);
    this.replace(prepared.snapshot);
    this.logger.log(`configuration applied and written to ${prepared.snapshot.path}`);
    return { ok: true, snapshot: prepared.snapshot };
  }

  private prepare(text: string, format: ConfigFormat): Prepared {
    const document = parseConfigDocument(text, format);
    if (document.problems.length > 0) return { ok: false, problems: document.problems, warnings: [] };
    const restored = restoreMaskedSecrets(document.value, this.currentData());
    if (restored.problems.length > 0) return { ok: false, problems: restored.problems, warnings: [] };
    const path = this.current.path;
    const fileText = renderConfigFile({ text, format, value: restored.value, substitutions: restored.substitutions, targetPath: path });
    try {
      return { ok: true, fileText, snapshot: buildConfigSnapshot(restored.value, { path, env: this.env, sourceText: fileText }) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { ok: false, problems: [...error.problems], warnings: [...error.warnings] };
    }
  }

  /** The running config as written (with `{env:}` references), for restoring masked secrets. */
  private currentData(): unknown {
    const source = this.current.sourceText;
    const document = source === undefined ? undefined : parseConfigDocument(source, 'yaml');
    return document && document.problems.length === 0 ? document.value : this.current.config;
  }

  private reloadFromFile(): void {
    const path = this.current.path;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      // Mid-replace the file can be briefly absent; the rename that completes it is another event.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`cannot read ${path}: ${(error as Error).message}`);
      return;
    }
    const hash = contentHash(text);
    if (hash === this.fileHash) return;
    this.fileHash = hash;
    try {
      const snapshot = parseConfigText(text, { path, env: this.env });
      this.replace(snapshot);
      this.logger.log(`configuration reloaded from ${path}`);
      this.reportNotices(snapshot);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const problems = error.problems.map((problem) => `  ${problem}`).join('\n');
      this.logger.error(`configuration change in ${path} rejected, the running configuration is kept:\n${problems}`);
    }
  }

  private reportNotices(snapshot: ConfigSnapshot): void {
    for (const notice of describeConfigNotices(snapshot)) this.logger.warn(notice);
  }
}

function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
