import { BadRequestException, Body, Get, Headers, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { stringify } from 'yaml';
import { ConfigService, type ConfigValidation } from '../../config/config.service';
import type { ConfigSnapshot } from '../../config/plexus-config';
import { AdminController } from '../shared/admin-controller.decorator';
import { configBody } from './config-body';
import { ConfigProblemsDto } from './config-problems.dto';
import { ConfigResultDto } from './config-result.dto';
import { editableConfig } from './editable-config';
import { wantsYaml } from './wants-yaml';

const CONFIG_BODY = {
  description: 'The whole configuration (docs/CONFIGURATION.md), as YAML or JSON. A secret sent back as "********" keeps its current value.',
  schema: { type: 'object', additionalProperties: true },
  examples: {
    json: { value: { admin: { apiKey: '********' }, providers: [{ name: 'openai', apiTypes: ['chat'], baseUrls: { chat: 'https://api.openai.com/v1' }, auth: { type: 'bearer', apiKey: '********' }, models: ['gpt-4o'] }], models: [{ alias: 'fast', selector: 'in_order', targets: [{ provider: 'openai', model: 'gpt-4o' }] }] } },
  },
};
const CONFIG_TYPES = ['application/json', 'application/yaml', 'text/yaml', 'text/plain'];

@AdminController('config', 'admin: config')
export class AdminConfigController {
  constructor(private readonly configService: ConfigService) {}

  @Get()
  @ApiOperation({ summary: 'The running config, every secret masked', description: 'JSON by default; YAML with `Accept: application/yaml`.' })
  @ApiProduces('application/json', 'application/yaml')
  @ApiHeader({ name: 'accept', required: false, description: 'application/yaml for YAML' })
  @ApiOkResponse({ description: 'The config as it runs, defaults filled in', schema: CONFIG_BODY.schema })
  read(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Record<string, unknown> | string {
    const config = editableConfig(this.configService.snapshot);
    if (!wantsYaml(accept)) return config;
    void reply.type('application/yaml; charset=utf-8');
    return stringify(config);
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the config',
    description: 'Validated like the file; when valid it is written to the config file atomically and applied without a restart. When not, 400 with every problem and nothing changes.',
  })
  @ApiConsumes(...CONFIG_TYPES)
  @ApiBody(CONFIG_BODY)
  @ApiOkResponse({ type: ConfigResultDto })
  @ApiBadRequestResponse({ type: ConfigProblemsDto, description: 'Invalid config: nothing was applied or written' })
  async replace(@Body() body: unknown): Promise<ConfigResultDto> {
    const { text, format } = configBody(body);
    return toResult(await this.configService.applyText(text, format), true);
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate a config without applying it', description: 'The same checks as PUT; nothing is written or applied.' })
  @ApiConsumes(...CONFIG_TYPES)
  @ApiBody(CONFIG_BODY)
  @ApiOkResponse({ type: ConfigResultDto })
  @ApiBadRequestResponse({ type: ConfigProblemsDto })
  validate(@Body() body: unknown): ConfigResultDto {
    const { text, format } = configBody(body);
    return toResult(this.configService.validateText(text, format), false);
  }
}

function toResult(validation: ConfigValidation, applied: boolean): ConfigResultDto {
  if (!validation.ok) {
    const count = validation.problems.length;
    const problems: ConfigProblemsDto = {
      statusCode: 400,
      error: 'Bad Request',
      message: `the configuration has ${count} problem${count === 1 ? '' : 's'}; nothing was changed`,
      valid: false,
      problems: validation.problems,
      warnings: validation.warnings,
    };
    throw new BadRequestException(problems);
  }
  const snapshot: ConfigSnapshot = validation.snapshot;
  const result: ConfigResultDto = { valid: true, applied, warnings: [...snapshot.warnings], missingEnv: snapshot.missingEnv.map((entry) => ({ ...entry })) };
  if (applied) {
    result.path = snapshot.path;
    result.loadedAt = snapshot.loadedAt.toISOString();
  }
  return result;
}
