// A report's sections in one statement: each section comes back as a JSON
// array of the rows its own query function returns, and one statement sees
// one snapshot, so the sections agree without a transaction. One round trip,
// planned once per connection (./sql.ts prepares it).
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';
import {
  barrierSql,
  competenceSql,
  creditSql,
  evaluationSql,
  followUpSql,
  funnelSql,
  itemSql,
  ratingSql,
  reminderSql,
  scoreBinSql,
} from './sections.js';
import type {
  BarrierRow,
  CompetenceRow,
  CreditRow,
  EvaluationRow,
  FollowUpRow,
  FunnelRow,
  ItemRow,
  RatingRow,
  ReminderRow,
  ScoreBinRow,
} from './aggregates.js';

type Section = (scope: SQL) => SQL;

const SECTIONS = {
  funnel: funnelSql,
  competence: competenceSql,
  bins: scoreBinSql,
  items: itemSql,
  evaluation: evaluationSql,
  ratings: ratingSql,
  followUps: followUpSql,
  barriers: barrierSql,
  reminders: reminderSql,
  credits: creditSql,
} satisfies Record<string, Section>;

export interface SectionRows {
  funnel: FunnelRow[];
  competence: CompetenceRow[];
  bins: ScoreBinRow[];
  items: ItemRow[];
  evaluation: EvaluationRow[];
  ratings: RatingRow[];
  followUps: FollowUpRow[];
  barriers: BarrierRow[];
  reminders: ReminderRow[];
  credits: CreditRow[];
}

/** Rows as one JSON array ('[]' when none), in the rows' own order unless `order` is given (over x). */
export const jsonRows = (rows: SQL, order?: SQL) =>
  order
    ? sql`(select coalesce(json_agg(x order by ${order}), '[]') from (${rows}) x)`
    : sql`(select coalesce(json_agg(x), '[]') from (${rows}) x)`;

/** A section's rows as one JSON array (in the section's own order: barriers are ranked). */
const asJson = (name: keyof SectionRows, scope: SQL) =>
  jsonRows(SECTIONS[name](scope), name === 'barriers' ? sql`x.count desc, x.barrier` : undefined);

export const sectionColumns = (names: (keyof SectionRows)[], scope: SQL) =>
  names.map((name) => sql`${asJson(name, scope)} as ${sql.identifier(name)}`);

async function oneStatement<T>(db: Database, columns: SQL[]): Promise<T> {
  const [row] = await queryRows<T>(db, sql`select ${sql.join(columns, sql`, `)}`);
  return row;
}

/** The named sections over a scope, in one statement. */
export function sectionRows<K extends keyof SectionRows>(
  db: Database,
  scope: SQL,
  names: K[],
): Promise<Pick<SectionRows, K>> {
  return oneStatement(db, sectionColumns(names, scope));
}

export interface ActivitySections extends SectionRows {
  /** As freeText() in ./aggregates.ts gives it (freeTextSql in ./sections.ts, limited). */
  text: { commitments: string[]; followUpComments: string[]; biasComments: string[] };
}
