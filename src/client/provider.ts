// The typed client's calls for the provider profile: what every certificate,
// email footer and transcript prints (name, contact, provider numbers,
// accreditation statements, signatory, logo and signature).
import type { z } from 'zod';
import type { ClientCall } from './call.js';
import type * as provider from '../provider/contract.js';

export type ProviderInput = z.input<typeof provider.providerRequestSchema>;
export type ProviderView = z.infer<typeof provider.providerViewSchema>;

export function providerCalls(call: ClientCall) {
  return {
    /** Staff: the provider as stored (or the stand-in certificates use until one is). */
    getProvider: () => call<ProviderView>('GET', '/provider'),
    /** Staff: replaces the profile; a field left out is cleared (images included). */
    putProvider: (profile: ProviderInput) => call<ProviderView>('PUT', '/provider', profile),
  };
}
