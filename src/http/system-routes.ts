// Operational routes: health of the three servers the app depends on and, under
// npm start, the page of locally captured mail. (/openapi.json and /docs: openapi.ts.)
import { z } from 'zod';
import { databaseReachable } from '../db/client.js';
import type { Routes } from './api.js';
import { capturedMailRoutes } from './captured-mail.js';
import { countStuckEnrollments } from '../enrollment/stuck.js';
import { OUTAGE_RETRY_AFTER_SECONDS } from '../domain/errors.js';

const CHECK_TIMEOUT_MS = 3000;
const state = z.enum(['ok', 'down']);
const healthSchema = z.object({
  /** degraded: every server answers, but some enrollment's workflow task keeps failing. */
  status: z.enum(['ok', 'degraded', 'down']),
  temporal: state,
  database: state,
  smtp: state,
  /** Enrollments whose workflow task keeps failing (see GET /enrollments/stuck); null when Temporal is down. */
  stuckEnrollments: z.number().int().nullable(),
});

/** false when the check fails or takes longer than the timeout. */
async function within(check: () => Promise<boolean>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([check().catch(() => false), timeout])) ? 'ok' : 'down';
  } finally {
    clearTimeout(timer);
  }
}

export const systemRoutes: Routes = async (app, { ctx }) => {
  /** One visibility count; unknown (null) if Temporal does not answer it in time. */
  const stuckCount = async (): Promise<number | null> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>(
      (resolve) => (timer = setTimeout(() => resolve(null), CHECK_TIMEOUT_MS)),
    );
    try {
      return await Promise.race([countStuckEnrollments(ctx).catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: {
        summary:
          'Whether Temporal, the database and the SMTP server are reachable, and whether any enrollment is stuck',
        tags: ['system'],
        response: {
          200: healthSchema.describe('All reachable (status degraded when an enrollment is stuck)'),
          503: healthSchema.describe('At least one is down'),
        },
      },
    },
    async (_req, reply) => {
      const [temporal, database, smtp] = await Promise.all([
        within(async () => {
          const connection = ctx.temporal.connection;
          await connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
            connection.workflowService.getSystemInfo({}),
          );
          return true;
        }),
        within(() => databaseReachable(ctx.db)),
        within(() => ctx.mailer.verify()),
      ]);
      const allOk = temporal === 'ok' && database === 'ok' && smtp === 'ok';
      const stuck = temporal === 'ok' ? await stuckCount() : null;
      const status = !allOk ? 'down' : stuck ? 'degraded' : 'ok';
      if (!allOk) reply.header('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
      return reply
        .status(allOk ? 200 : 503)
        .send({ status, temporal, database, smtp, stuckEnrollments: stuck });
    },
  );

  if (ctx.capture) await app.register(capturedMailRoutes, { capture: ctx.capture });
};
