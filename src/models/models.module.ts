import { Module } from '@nestjs/common';
import { ModelCatalogService } from './model-catalog.service';

/** Model name resolution and the model list. ConfigService comes from the global config module. */
@Module({ providers: [ModelCatalogService], exports: [ModelCatalogService] })
export class ModelsModule {}
