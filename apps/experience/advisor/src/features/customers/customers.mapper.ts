import type { CanonicalCustomer, CustomerSystems } from '@strata/contracts-process-customer-sync';
import type { AdvisorCustomerSummary, AdvisorGoldenRecord, AdvisorSystemView } from '@strata/contracts-experience-advisor';

/** A search hit: the name as one line, contact details and every system's id. */
export function toSummary(customer: CanonicalCustomer): AdvisorCustomerSummary {
  const { customerKey, firstName, lastName, birthDate, email, phone, status, identifiers } = customer;
  return { customerKey, displayName: [firstName, lastName].filter(Boolean).join(' '), birthDate, email, phone, status, identifiers };
}

/** The golden record with its sources: staff see where every value came from. */
export function toGoldenRecord(customer: CanonicalCustomer): AdvisorGoldenRecord {
  const { customerKey, firstName, lastName, birthDate, email, phone, address, status, identifiers, version, createdAt, updatedAt, sources } = customer;
  return { customerKey, firstName, lastName, birthDate, email, phone, address, status, identifiers, version, createdAt, updatedAt, sources };
}

/** Each linked system's live record under the name the web app shows (`record`). */
export function toSystemViews(systems: CustomerSystems): AdvisorSystemView[] {
  return systems.systems.map(({ system, recordId, status, view, differences, reason }) => ({ system, recordId, status, record: view, differences, reason }));
}
