// invoices.ts
import { Controller, Injectable, Module, Payload, Subject } from '../../../src/index.js';
import { TenantContext } from './tenant.context.js';

@Injectable({ scope: 'message' })
export class InvoiceRepository {
  constructor(private readonly tenant: TenantContext) {}
  table(): string { return `invoices_${this.tenant.tenant}`; }
}

@Injectable({ scope: 'message' })
export class InvoicesService {
  constructor(private readonly repo: InvoiceRepository) {}
  find(id: string): { id: string; table: string } { return { id, table: this.repo.table() }; }
}

// depends on a message-scoped provider, so Panini makes it per message too
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Subject('get')
  get(@Payload() body: { id: string }) { return this.invoices.find(body.id); }
}

@Module({ controllers: [InvoicesController], providers: [TenantContext, InvoiceRepository, InvoicesService] })
export class InvoicesModule {}
