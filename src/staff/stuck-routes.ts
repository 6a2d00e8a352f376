// Stuck enrollments, for staff: the enrollments whose workflow task keeps
// failing (as JSON and as a page, with Temporal's words for the problem), and
// the reset that carries one on from its last good workflow task.
// The CLI: `ce-outcomes enrollments stuck` and `ce-outcomes enrollments reset <id>`.
import type { Routes } from '../http/api.js';
import * as api from '../enrollment-api/contract.js';
import { listStuckEnrollments, resetEnrollment } from '../enrollment/stuck.js';
import { html } from '../platform/html.js';
import { page, reportTime } from '../reports/views/layout.js';

export const stuckRoutes: Routes = async (app, { ctx }) => {
  const config = { auth: 'staff' as const };
  const tags = ['operations'];

  app.get(
    '/enrollments/stuck',
    {
      config,
      schema: {
        summary: 'Enrollments whose workflow task keeps failing (Temporal reported problems), with the error',
        tags,
        response: { 200: api.stuckListSchema.describe('Stuck enrollments') },
      },
    },
    async () => ({ enrollments: await listStuckEnrollments(ctx) }),
  );

  app.post(
    '/enrollments/:enrollmentId/reset',
    {
      config,
      schema: {
        summary:
          "Reset an enrollment's workflow to its last good workflow task (the one the current code no longer replays, or the last completed); its events after that are reapplied",
        tags,
        params: api.enrollmentParams,
        response: {
          200: api.resetResultSchema.describe('Reset: the new run'),
          404: api.apiErrorSchema.describe('No such enrollment'),
          409: api.apiErrorSchema.describe('The workflow is not running, or has no completed task yet'),
        },
      },
    },
    (req) => resetEnrollment(ctx, req.params.enrollmentId, 'staff'),
  );

  app.get(
    '/staff/stuck',
    {
      config: { ...config, signIn: '/reports/login' },
      schema: { summary: 'Stuck enrollments, as a page', tags, hide: true },
    },
    async (_req, reply) => {
      const stuck = await listStuckEnrollments(ctx);
      const rows = stuck.map(
        (s) => html`<tr>
          <td>${s.enrollmentId ?? '(no enrollment row)'}<br><span class="note">${s.workflowId}</span></td>
          <td>${s.problems.join(', ')}</td>
          <td class="n">${s.attempts}</td>
          <td>${s.since ? reportTime(s.since) : ''}</td>
          <td><code>npx ce-outcomes enrollments reset ${s.enrollmentId ?? s.workflowId}</code></td>
        </tr>`,
      );
      const body = stuck.length
        ? html`<section><table>
            <thead><tr><th>Enrollment</th><th>Problem</th><th class="n">Failed attempts</th><th>Since</th><th>To bring it back</th></tr></thead>
            <tbody>${rows}</tbody></table>
            <p class="note">A reset runs the enrollment again from its last good workflow task on the current code; the events it received after that are applied again.</p></section>`
        : html`<section><p>No enrollment is stuck: every workflow task is completing.</p></section>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(page('Stuck enrollments', `${stuck.length} stuck`, html`<a href="/reports">Reports</a>`, body));
    },
  );
};
