// The input rule at the door: every string of every request's body, query and
// path (API calls and learner forms alike) goes through src/domain/text.ts
// before any route sees it; a refusal is a 400 naming the field.
import type { FastifyInstance } from 'fastify';
import { Invalid } from '../domain/errors.js';
import { textProblems } from '../domain/text.js';

export function registerInputRule(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const problems = [
      ...textProblems(req.params, 'params'),
      ...textProblems(req.query, 'query'),
      ...textProblems(req.body, 'body'),
    ];
    if (problems.length > 0)
      throw new Invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), undefined, problems);
  });
}
