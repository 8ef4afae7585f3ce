import { Module } from '@nestjs/common';
import { OrganizationResolvers } from './organization.resolvers';

@Module({ providers: [OrganizationResolvers] })
export class OrganizationsModule {}
