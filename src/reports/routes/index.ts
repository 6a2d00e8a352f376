// The CE office's workspace under /reports: the reports home, programs and
// committees, tracked actions, the yearly accreditation data and disclosures.
import type { Routes } from '../../http/api.js';
import { homeRoutes } from './home.js';
import { programRoutes } from './programs.js';
import { actionRoutes } from './actions.js';
import { annualRoutes } from './annual.js';
import { disclosureStaffRoutes } from './disclosures.js';

export const workspaceRoutes: Routes = async (app, { ctx }) => {
  for (const routes of [homeRoutes, programRoutes, actionRoutes, annualRoutes, disclosureStaffRoutes])
    await app.register(routes, { ctx });
};
