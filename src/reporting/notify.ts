// Tells a submission's workflow that its row changed (a correction, a retry,
// a confirmation): it looks at the ledger again. A workflow not started yet
// needs no word: the dispatcher starts it from the row as it now is.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { submissionChanged } from '../../workflows/reporting-messages.js';
import { reportingWorkflowId, type SubmissionRow } from './ledger.js';

export async function notifyWorkflow(
  temporal: Client,
  row: Pick<SubmissionRow, 'regulator' | 'enrollmentId' | 'workflowStartedAt'>,
  by: 'learner' | 'staff',
): Promise<void> {
  if (!row.workflowStartedAt) return;
  try {
    await temporal.workflow.getHandle(reportingWorkflowId(row)).signal(submissionChanged, { by });
  } catch (err) {
    // Closed already (accepted, or late for CPE Monitor): the ledger keeps the change.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}
