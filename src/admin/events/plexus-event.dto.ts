import { ApiProperty } from '@nestjs/swagger';

const EVENT_TYPES = ['request.completed', 'request.failed', 'cooldown.started', 'cooldown.ended', 'health.changed', 'config.reloaded', 'pricing.refreshed'];

/** The `data:` of every event frame: the event itself. Payloads by type are in docs/ADMIN.md. */
export class PlexusEventDto {
  @ApiProperty({ description: 'Increases by one per event, process-wide; also the frame `id:`', example: 17 })
  id!: number;

  @ApiProperty({ enum: EVENT_TYPES, description: 'Also the frame `event:`', example: 'cooldown.started' })
  type!: string;

  @ApiProperty({ description: 'When it was published', example: '2025-06-01T12:00:00.000Z' })
  at!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'request.*: a UsageRecordDto; cooldown.*: a CooldownEntryDto (ended adds cause); health.changed: {from, to, providers}; config.reloaded: {path, loadedAt}; pricing.refreshed: {source, modelCount, fetchedAt}',
    example: { provider: 'openai', model: 'gpt-4o', type: 'rate_limit', until: '2025-06-01T12:01:00.000Z', seconds: 60 },
  })
  data!: unknown;
}
