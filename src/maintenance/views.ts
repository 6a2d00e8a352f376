// The dashboard as JSON for the LMS (src/maintenance/contract.ts dashboardSchema).
import type { z } from 'zod';
import type { Dashboard } from './dashboard.js';
import type * as api from './contract.js';

export function dashboardJson(d: Dashboard): z.infer<typeof api.dashboardSchema> {
  return {
    learnerId: d.learnerId,
    generatedAt: d.generatedAt,
    today: d.today,
    credentials: d.credentials.map((c) => {
      const s = c.standing;
      const r = c.requirement;
      return {
        credentialKey: c.key,
        description: c.description,
        kind: c.credential.kind,
        state: c.credential.state,
        subtype: c.credential.subtype,
        category: c.credential.category,
        identifier: c.credential.identifier,
        requirement: r
          ? {
              id: r.id,
              name: r.name,
              unit: r.unit,
              total: r.total,
              cycleYears: r.cycleYears,
              source: r.source,
            }
          : null,
        cycle: s?.cycle ?? null,
        daysLeft: s?.daysLeft ?? null,
        earned: s?.earned ?? 0,
        needed: s?.needed ?? 0,
        remaining: s?.remaining ?? 0,
        totalMet: s?.totalMet ?? false,
        allMet: s?.allMet ?? false,
        met: s?.met ?? 0,
        of: s?.of ?? 0,
        academic: s?.academic ?? null,
        topics: (s?.minimums ?? []).map(({ topics: _topics, ...m }) => m),
        sources: s?.sources ?? [],
        moved: s?.moved ?? [],
        why: s?.why ?? ['No requirements are on file for this credential yet: ask your CE provider.'],
        suggestions: c.suggestions,
        remindersOff: c.remindersOff,
      };
    }),
  };
}
