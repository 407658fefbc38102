import type { Migration } from '@strata/persistence';

/** The advisor's own store: only the audit trail (the customers stay in customer-sync). */
export const auditMigrations: Migration[] = [
  {
    id: 'advisor-001-audit-events',
    sql: `
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        staff_id text NOT NULL,
        client_id text NOT NULL,
        customer_key text NOT NULL,
        action text NOT NULL,
        correlation_id text NOT NULL
      );
      CREATE INDEX audit_events_by_customer ON audit_events (customer_key, id);
      CREATE INDEX audit_events_by_staff ON audit_events (staff_id, id);
    `,
  },
];
