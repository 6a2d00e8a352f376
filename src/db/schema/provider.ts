// The accredited provider: one row, what every certificate, email footer and
// transcript says about who issues them.
import { pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, ts } from './columns.js';

export const providerProfile = pgTable('provider_profile', {
  /** Always 'provider': one provider per deployment. */
  id: text('id').primaryKey().default('provider'),
  name: text('name').notNull(),
  contactEmail: text('contact_email').notNull(),
  postalAddress: text('postal_address').notNull(),
  accmeId: text('accme_id'),
  acpeProviderNumber: text('acpe_provider_number'),
  paceProviderNumber: text('pace_provider_number'),
  californiaApprovalNumber: text('california_approval_number'),
  floridaApprovalNumber: text('florida_approval_number'),
  /** Accreditation statements as the accreditors word them; null = the standard wording with the name. */
  accmeStatement: text('accme_statement'),
  acpeStatement: text('acpe_statement'),
  paceStatement: text('pace_statement'),
  signatoryName: text('signatory_name'),
  signatoryTitle: text('signatory_title'),
  logo: bytea('logo'),
  logoType: text('logo_type').$type<'image/png' | 'image/jpeg'>(),
  signature: bytea('signature'),
  signatureType: text('signature_type').$type<'image/png' | 'image/jpeg'>(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
