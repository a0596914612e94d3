import { BadGatewayException, ConflictException, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiConflictResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { OpenRouterPriceService } from '../../pricing/openrouter-price.service';
import { PricingService } from '../../pricing/pricing.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { ErrorResponseDto } from '../shared/error-response.dto';
import { PricingOverviewDto } from './pricing-overview.dto';

@AdminController('pricing', 'admin: pricing')
export class AdminPricingController {
  constructor(
    private readonly pricing: PricingService,
    private readonly openRouter: OpenRouterPriceService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The effective price of every routable model and its source; the OpenRouter cache age' })
  @ApiOkResponse({ type: PricingOverviewDto })
  overview(): PricingOverviewDto {
    return { prices: this.pricing.listEffectivePrices(), openRouter: this.pricing.openRouterCacheAge() };
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fetch the OpenRouter price list now', description: 'Publishes pricing.refreshed when it succeeds. A failure keeps the prices already known.' })
  @ApiOkResponse({ type: PricingOverviewDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'pricing.openrouter.enabled is false' })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'OpenRouter could not be reached or answered badly' })
  async refresh(): Promise<PricingOverviewDto> {
    if (!this.openRouter.status().enabled) {
      throw new ConflictException('OpenRouter prices are off (pricing.openrouter.enabled is false); enable them in the config to refresh');
    }
    await this.openRouter.refresh();
    const status = this.openRouter.status();
    if (status.lastError) {
      throw new BadGatewayException(`OpenRouter price refresh failed (${status.lastError}); keeping ${status.modelCount} known prices`);
    }
    return this.overview();
  }
}
