// The learner's profile for the enrollment system: profession, NABP e-Profile
// ID with birth month/day, licences and certifications. The claim form lets the
// learner correct the same profile through the signed link.
import type { z } from 'zod';
import { readProfile, replaceProfile, type StoredProfile } from '../enrollment/profile.js';
import type { Routes } from '../http/api.js';
import * as api from './contract.js';

const view = (learnerId: string, p: StoredProfile): z.infer<typeof api.profileViewSchema> => ({
  learnerId,
  ...p,
});

export const profileRoutes: Routes = async (app, { ctx }) => {
  const config = { auth: 'enrollment' as const };
  const tags = ['learners'];
  const notFound = api.apiErrorSchema.describe('No such learner (enroll the learner first)');

  app.get(
    '/learners/:learnerId/profile',
    {
      config,
      schema: {
        summary: "A learner's profession and credentials",
        tags,
        params: api.learnerParams,
        response: { 200: api.profileViewSchema.describe('The profile'), 404: notFound },
      },
    },
    async (req) => view(req.params.learnerId, await readProfile(ctx.db, req.params.learnerId)),
  );

  app.put(
    '/learners/:learnerId/profile',
    {
      config,
      schema: {
        summary: "Replace a learner's profession and credentials (a field left out is cleared)",
        tags,
        params: api.learnerParams,
        body: api.profileRequestSchema,
        response: {
          200: api.profileViewSchema.describe('The profile as stored'),
          400: api.apiErrorSchema.describe('A field is malformed (the message names it)'),
          404: notFound,
        },
      },
    },
    async (req) => view(req.params.learnerId, await replaceProfile(ctx.db, req.params.learnerId, req.body)),
  );
};
