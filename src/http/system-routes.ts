// Operational routes: health of the three servers the app depends on and, under
// npm start, the page of locally captured mail. (/openapi.json and /docs: openapi.ts.)
import { z } from 'zod';
import { databaseReachable } from '../db/client.js';
import type { Routes } from './api.js';
import { capturedMailRoutes } from './captured-mail.js';

const CHECK_TIMEOUT_MS = 3000;
const state = z.enum(['ok', 'down']);
const healthSchema = z.object({
  status: state,
  temporal: state,
  database: state,
  smtp: state,
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
  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: {
        summary: 'Whether Temporal, the database and the SMTP server are reachable',
        tags: ['system'],
        response: {
          200: healthSchema.describe('All reachable'),
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
      return reply
        .status(allOk ? 200 : 503)
        .send({ status: allOk ? 'ok' : 'down', temporal, database, smtp });
    },
  );

  if (ctx.capture) await app.register(capturedMailRoutes, { capture: ctx.capture });
};
