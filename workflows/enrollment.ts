// The enrollment workflow (lifecycle issue).
import type { EnrollmentInput } from './messages.js';

export async function enrollmentWorkflow(_input: EnrollmentInput): Promise<void> {}
