// The rows a learner's facts become, written alike by the v2 steps
// (activities/enrollment/) and the frozen v1 activities (activities/legacy/):
// one place decides how an attendance event or an evaluation is stored.
import type { EvaluationSubmission } from '../domain/submission-types.js';
import { attendance, evaluations } from './schema/index.js';

/** An attendance event as the workflow's messages carry it (workflows/messages.ts). */
interface AttendanceFact {
  eventKey: string;
  minutes: number;
  sessionId?: string | null;
  completed: boolean;
  recordedAt: string;
}

export function attendanceRow(enrollmentId: string, event: AttendanceFact): typeof attendance.$inferInsert {
  return {
    enrollmentId,
    eventKey: event.eventKey,
    minutes: event.minutes,
    sessionId: event.sessionId ?? null,
    completed: event.completed,
    recordedAt: new Date(event.recordedAt),
  };
}

export function evaluationRow(
  enrollmentId: string,
  evaluation: EvaluationSubmission,
  submittedAt: Date,
): typeof evaluations.$inferInsert {
  return {
    enrollmentId,
    objectiveRatings: evaluation.objectiveRatings,
    relevance: evaluation.relevance,
    freeOfCommercialBias: evaluation.freeOfCommercialBias,
    biasComment: evaluation.biasComment ?? null,
    commitment: evaluation.commitment,
    comments: evaluation.comments ?? null,
    submittedAt,
  };
}
