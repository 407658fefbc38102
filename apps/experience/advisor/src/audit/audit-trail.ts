import type { Response } from 'express';
import type { AuditAction } from '@strata/contracts-experience-advisor';
import { apiClientOf } from '@strata/edge-security';
import type { Logger } from '@strata/logging';
import type { AuditStore } from './audit.store';
import { staffIdOf } from '../security/staff';

/**
 * Records that the signed-in staff member did `action` with a customer, before the
 * route answers: if the store refuses the write, the request fails and no data leaves
 * (an unaudited view is not allowed). The info line names ids only, never personal data.
 */
export class AuditTrail {
  constructor(
    private readonly store: AuditStore,
    private readonly logger: Logger,
  ) {}

  async record(res: Response, action: AuditAction, customerKey: string): Promise<void> {
    const event = await this.store.record({
      staffId: staffIdOf(res),
      clientId: apiClientOf(res)?.id ?? 'unknown',
      customerKey,
      action,
      correlationId: String(res.locals['correlationId'] ?? 'none'),
    });
    this.logger.info('audit event recorded', { auditId: event.id, action, staffId: event.staffId, clientId: event.clientId, customerKey });
  }
}
