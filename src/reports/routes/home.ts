// GET /reports (and /reports/activities): every program, and the activities
// matching a search and a period, with their verdicts and follow-up status.
import { z } from 'zod';
import { Invalid } from '../../domain/errors.js';
import type { Routes } from '../../http/api.js';
import { reportsHome, reportsHomeSchema } from '../home.js';
import { homePage } from '../views/home-page.js';
import { blankOrDateSchema } from '../../platform/dates.js';
import { committee, formatOf, HTML, pageResponse, sendFile, tags } from './shared.js';

const query = z.object({
  q: z.string().trim().max(200).optional(),
  from: blankOrDateSchema,
  to: blankOrDateSchema,
  programId: z.string().min(1).max(100).optional(),
  format: z.enum(['html', 'json']).optional(),
});

export const homeRoutes: Routes = async (app, { ctx }) => {
  for (const url of ['/reports', '/reports/activities'])
    app.get(
      url,
      {
        config: committee,
        schema: {
          summary:
            url === '/reports'
              ? 'The reports home: programs, and activities by search (q) and period (from, to: start dates, inclusive)'
              : 'Activities by search (q), period (from, to) and program, with verdicts and follow-up status',
          tags,
          querystring: query,
          response: { 200: pageResponse(reportsHomeSchema, 'Programs and activities') },
        },
      },
      async (req, reply) => {
        const { q, from, to, programId, format } = req.query;
        if (from && to && to < from) throw Invalid.field('query.to', 'is before from');
        const home = await reportsHome(ctx.db, { q: q || undefined, from, to, programId }, ctx.clock.now());
        if (formatOf(req, format) === 'json') return home;
        return sendFile(reply, HTML, homePage(home));
      },
    );
};
