import { Module } from '@nestjs/common';
import { CertificateRegisterResolvers } from './certificate-register.resolvers';

/** The certificate register export (query only, over the catalogue read model). */
@Module({ providers: [CertificateRegisterResolvers] })
export class CertificateRegisterModule {}
