// GET /reports/annual?year=: the yearly accreditation data as JSON or CSV.
import { z } from 'zod';
import type { Routes } from '../../http/api.js';
import { annualReport, annualReportSchema } from '../annual.js';
import { annualCsv } from '../views/annual-csv.js';
import { committee, reportResponse, sendFile, tags } from './shared.js';

export const annualRoutes: Routes = async (app, { ctx }) => {
  app.get(
    '/reports/annual',
    {
      config: committee,
      schema: {
        summary:
          "The year's accreditation data (activities starting in the year): hours, learners by profession, outcomes measured and results",
        tags,
        querystring: z.object({
          year: z.coerce.number().int('a whole year').min(2000, 'from 2000').max(2100, 'up to 2100'),
          programId: z.string().min(1).max(100).optional(),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: reportResponse(annualReportSchema, 'The yearly data') },
      },
    },
    async (req, reply) => {
      const { year, programId, format } = req.query;
      const report = await annualReport(ctx.db, year, programId, ctx.clock.now());
      if (format === 'json') return report;
      return sendFile(
        reply,
        'text/csv; charset=utf-8',
        annualCsv(report),
        `accreditation-${year}${programId ? `-${programId}` : ''}.csv`,
      );
    },
  );
};
