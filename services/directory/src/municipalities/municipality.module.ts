import { Module } from '@nestjs/common';
import { MunicipalityResolvers } from './municipality.resolvers';

@Module({ providers: [MunicipalityResolvers] })
export class MunicipalitiesModule {}
