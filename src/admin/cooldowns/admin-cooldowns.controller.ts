import { Delete, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ConfigService } from '../../config/config.service';
import { CooldownService } from '../../resilience/cooldown.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { ErrorResponseDto } from '../shared/error-response.dto';
import { ClearCooldownsQueryDto } from './clear-cooldowns-query.dto';
import { ClearedCooldownsDto } from './cleared-cooldowns.dto';
import { CooldownListDto } from './cooldown-list.dto';

/** Clearing goes through CooldownService, which saves the change and publishes `cooldown.ended`. */
@AdminController('cooldowns', 'admin: routing')
export class AdminCooldownsController {
  constructor(
    private readonly cooldowns: CooldownService,
    private readonly configService: ConfigService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Active cooldowns' })
  @ApiOkResponse({ type: CooldownListDto })
  list(): CooldownListDto {
    return { cooldowns: this.cooldowns.list() };
  }

  @Delete()
  @ApiOperation({ summary: 'End every cooldown now' })
  @ApiOkResponse({ type: ClearedCooldownsDto })
  clearAll(): ClearedCooldownsDto {
    return { cleared: this.cooldowns.clear() };
  }

  @Delete(':provider')
  @ApiOperation({ summary: "End one provider's cooldowns (provider-wide and per model), or one model's with ?model=" })
  @ApiParam({ name: 'provider', example: 'openai' })
  @ApiOkResponse({ type: ClearedCooldownsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No provider of that name' })
  clearProvider(@Param('provider') provider: string, @Query() query: ClearCooldownsQueryDto): ClearedCooldownsDto {
    const cleared = this.cooldowns.clear(provider, query.model);
    if (cleared.length === 0 && !this.configService.config.providers.some((candidate) => candidate.name === provider)) {
      throw new NotFoundException(`no provider named "${provider}"; GET /v0/providers lists them`);
    }
    return { cleared };
  }
}
