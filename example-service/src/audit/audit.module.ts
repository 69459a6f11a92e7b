import { Module } from '@panini/core';
import { AuditController } from './audit.controller.js';
import { AuditLog } from './audit.log.js';

@Module({ controllers: [AuditController], providers: [AuditLog] })
export class AuditModule {}
