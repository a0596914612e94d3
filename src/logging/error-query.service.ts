import { Injectable } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { clampPageLimit } from './clamp-page-limit';
import type { ErrorQuery, ErrorPage } from './error-query';
import type { ErrorRecord } from './error-record';
import { readLogPage } from './read-log-page';
import { inTimeRange, parseTimeRange } from './time-range';

/** Newest-first pages of the error log, with the same paging as the usage log. */
@Injectable()
export class ErrorQueryService {
  constructor(private readonly configService: ConfigService) {}

  async query(query: ErrorQuery = {}): Promise<ErrorPage> {
    const range = parseTimeRange(query.from, query.to);
    return readLogPage<ErrorRecord>({
      kind: 'errors',
      directory: this.configService.config.logging.errors.storagePath,
      fromDay: range.fromDay,
      toDay: range.toDay,
      limit: clampPageLimit(query.limit),
      cursor: query.cursor,
      matches: (record) =>
        (query.apiKey === undefined || record.keyName === query.apiKey) &&
        (query.provider === undefined || record.provider === query.provider) &&
        (query.model === undefined || record.model === query.model || record.requestedModel === query.model) &&
        (query.errorType === undefined || record.errorType === query.errorType) &&
        (query.kind === undefined || record.kind === query.kind) &&
        (query.requestId === undefined || record.requestId === query.requestId) &&
        inTimeRange(range, record.time),
    });
  }
}
