import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { PricingModule } from '../pricing/pricing.module';
import { Clock } from './clock';
import { DebugTraceService } from './debug-trace.service';
import { ErrorQueryService } from './error-query.service';
import { JsonlRecordSink } from './jsonl-record-sink';
import { RecordSink } from './record-sink';
import { RetentionService } from './retention.service';
import { SecretMasker } from './secret-masker';
import { UsageQueryService } from './usage-query.service';
import { UsageRecorder } from './usage-recorder';

/**
 * Usage and error logs, debug traces and retention. ConfigService and EventBusService come from
 * global modules; PricingModule prices each record. To store usage elsewhere, provide another
 * RecordSink (and query services to match).
 */
@Module({
  imports: [ScheduleModule.forRoot(), PricingModule],
  providers: [
    Clock,
    SecretMasker,
    JsonlRecordSink,
    { provide: RecordSink, useExisting: JsonlRecordSink },
    UsageRecorder,
    UsageQueryService,
    ErrorQueryService,
    DebugTraceService,
    RetentionService,
  ],
  exports: [RecordSink, UsageRecorder, UsageQueryService, ErrorQueryService, DebugTraceService, RetentionService, SecretMasker],
})
export class LoggingModule {}
