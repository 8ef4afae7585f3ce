import { Module } from '@nestjs/common';
import { StudentResolvers } from './student.resolvers';

/** Students: one stream per child (sealed name, consents). */
@Module({ providers: [StudentResolvers] })
export class StudentModule {}
