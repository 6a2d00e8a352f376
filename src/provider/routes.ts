// The provider profile for CE staff: read it, replace it. Every certificate,
// email footer and transcript uses what is stored here.
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { accreditationStatement } from '../domain/provider.js';
import type { Routes } from '../http/api.js';
import { apiErrorSchema } from '../http/errors.js';
import { loadProvider, saveProvider, type StoredProvider } from './profile.js';
import { providerRequestSchema, providerViewSchema, type ProviderRequest } from './contract.js';

function view(p: StoredProvider): z.infer<typeof providerViewSchema> {
  const { logo, logoType, signature, signatureType, ...rest } = p;
  return {
    ...rest,
    logo: logo && logoType ? { contentType: logoType, bytes: logo.length } : null,
    signature: signature && signatureType ? { contentType: signatureType, bytes: signature.length } : null,
    accmeStatementPrinted: accreditationStatement.ama_pra_1(p),
    acpeStatementPrinted: accreditationStatement.acpe(p),
    paceStatementPrinted: accreditationStatement.pace(p),
  };
}

const image = (i: ProviderRequest['logo']) => (i ? Buffer.from(i.base64, 'base64') : null);

/** The provider as stored now, or the stand-in certificates use until one is. */
export const currentProvider = (ctx: AppContext) =>
  loadProvider(ctx.db, { name: 'Provider not set up', mailFrom: ctx.config.MAIL_FROM });

export const providerRoutes: Routes = async (app, { ctx }) => {
  const config = { auth: 'staff' as const };
  const tags = ['provider'];

  app.get(
    '/provider',
    {
      config,
      schema: {
        summary: 'The provider profile certificates, emails and transcripts print',
        tags,
        response: { 200: providerViewSchema.describe('The provider') },
      },
    },
    async () => view(await currentProvider(ctx)),
  );

  app.put(
    '/provider',
    {
      config,
      schema: {
        summary: 'Replace the provider profile (a field left out is cleared)',
        tags,
        body: providerRequestSchema,
        response: {
          200: providerViewSchema.describe('The provider as stored'),
          400: apiErrorSchema.describe('A field is malformed (the message names it)'),
        },
      },
    },
    async (req) => {
      const b = req.body;
      await saveProvider(ctx.db, {
        name: b.name,
        contactEmail: b.contactEmail,
        postalAddress: b.postalAddress,
        accmeId: b.accmeId ?? null,
        acpeProviderNumber: b.acpeProviderNumber ?? null,
        paceProviderNumber: b.paceProviderNumber ?? null,
        californiaApprovalNumber: b.californiaApprovalNumber ?? null,
        floridaApprovalNumber: b.floridaApprovalNumber ?? null,
        accmeStatement: b.accmeStatement ?? null,
        acpeStatement: b.acpeStatement ?? null,
        paceStatement: b.paceStatement ?? null,
        signatoryName: b.signatoryName ?? null,
        signatoryTitle: b.signatoryTitle ?? null,
        logo: image(b.logo),
        logoType: b.logo?.contentType ?? null,
        signature: image(b.signature),
        signatureType: b.signature?.contentType ?? null,
      });
      return view(await currentProvider(ctx));
    },
  );
};
