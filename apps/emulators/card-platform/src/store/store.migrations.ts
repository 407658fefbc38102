import type { Migration } from '@strata/persistence';

/**
 * The card platform's one table. `customer_ref` is unique where present, so the
 * database itself refuses a second cardholder for the same golden key.
 */
export const storeMigrations: Migration[] = [
  {
    id: 'card-platform-001-cardholders',
    sql: `
      CREATE TABLE cardholders (
        cardholder_id text PRIMARY KEY,
        customer_ref text UNIQUE,
        full_name text NOT NULL,
        date_of_birth text,
        email_address text,
        mobile_number text,
        addr_line1 text,
        addr_line2 text,
        addr_line3 text,
        post_code text,
        country_code text,
        status text NOT NULL,
        card_product text
      );
      CREATE INDEX cardholders_email ON cardholders (lower(email_address));
      CREATE INDEX cardholders_name ON cardholders (full_name);
    `,
  },
];
