// The refusal the typed client throws, for asserting on status, message and details.
import { expect } from 'vitest';
import { CeOutcomesApiError } from '../../src/client/index.js';

export async function refusal(call: Promise<unknown>): Promise<CeOutcomesApiError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CeOutcomesApiError);
  return err as CeOutcomesApiError;
}
