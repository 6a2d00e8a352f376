// The allocation of credit to a credential's topic minimums: exact cases, and
// on small random cases it is checked against brute-force enumeration of every
// allocation (it is never worse than the best one, and always within the rules).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocate,
  edgeUnits,
  moveProblems,
  type AllocationMinimum,
  type AllocationProblem,
  type AllocationSource,
} from '../../src/domain/allocation.js';
import type { TopicArea } from '../../src/domain/topics.js';

const source = (
  id: string,
  units: number,
  topics: TopicArea[],
  extra: Partial<AllocationSource> = {},
): AllocationSource => ({ id, units, academic: false, topics: topics.map((area) => ({ area })), ...extra });
const minimum = (id: string, units: number, topics: TopicArea[]): AllocationMinimum => ({
  id,
  units,
  topics,
});

describe('allocation', () => {
  it('sends shared credit where it meets the most minimums', () => {
    // A covers chemistry and hematology; B only chemistry. Greedy in order would
    // give A to chemistry and leave hematology empty; the best gives A to hematology.
    const problem: AllocationProblem = {
      totalUnits: 8,
      academicCapUnits: null,
      minimums: [minimum('chemistry', 4, ['chemistry']), minimum('hematology', 4, ['hematology'])],
      sources: [source('A', 4, ['chemistry', 'hematology']), source('B', 4, ['chemistry'])],
    };
    const a = allocate(problem);
    expect(a.minimums.map((m) => [m.id, m.units, m.met, m.from])).toEqual([
      ['chemistry', 4, true, { B: 4 }],
      ['hematology', 4, true, { A: 4 }],
    ]);
    expect([a.countedUnits, a.totalMet, a.met, a.of]).toEqual([8, true, 3, 3]);
  });

  it('meets the larger number of minimums when not all fit: two small ones before one large one', () => {
    const problem: AllocationProblem = {
      totalUnits: 4,
      academicCapUnits: null,
      minimums: [
        minimum('big', 4, ['chemistry', 'hematology', 'ethics']),
        minimum('ethics', 2, ['ethics']),
        minimum('safety', 2, ['safety']),
      ],
      sources: [source('A', 4, ['ethics', 'chemistry', 'safety'])],
    };
    const a = allocate(problem);
    expect(a.minimums.map((m) => [m.id, m.units, m.met])).toEqual([
      ['big', 0, false],
      ['ethics', 2, true],
      ['safety', 2, true],
    ]);
  });

  it('counts academic credit up to the cap, in the total and in the minimums', () => {
    const problem: AllocationProblem = {
      totalUnits: 144,
      academicCapUnits: 72,
      minimums: [minimum('chemistry', 8, ['chemistry'])],
      sources: [
        source('college', 100, ['chemistry'], { academic: true }),
        source('course', 40, ['hematology']),
      ],
    };
    const a = allocate(problem);
    expect([a.academicUnits, a.academicCounted, a.countedUnits, a.totalMet]).toEqual([100, 72, 112, false]);
    expect(a.minimums[0]).toMatchObject({ units: 8, met: true, from: { college: 8 } });
    const noRoom = allocate({ ...problem, academicCapUnits: 4 });
    expect(noRoom.minimums[0]).toMatchObject({ units: 4, met: false });
  });

  it('caps a topic at the hours the activity gives it', () => {
    const a = allocate({
      totalUnits: 12,
      academicCapUnits: null,
      minimums: [minimum('hiv', 4, ['hiv_aids'])],
      sources: [{ id: 'A', units: 12, academic: false, topics: [{ area: 'hiv_aids', units: 2 }] }],
    });
    expect(a.minimums[0]).toMatchObject({ units: 2, met: false });
  });

  it('keeps the learner’s moves and allocates the rest around them; invalid moves are ignored', () => {
    const problem: AllocationProblem = {
      totalUnits: 8,
      academicCapUnits: null,
      minimums: [minimum('chemistry', 4, ['chemistry']), minimum('hematology', 4, ['hematology'])],
      sources: [source('A', 4, ['chemistry', 'hematology']), source('B', 4, ['chemistry'])],
      moves: { A: { chemistry: 4 } },
    };
    const a = allocate(problem);
    // A is pinned to chemistry, which it fills; B covers nothing else, so hematology stays empty.
    expect(a.movedSources).toEqual(['A']);
    expect(a.minimums.map((m) => [m.id, m.units, m.met])).toEqual([
      ['chemistry', 4, true],
      ['hematology', 0, false],
    ]);
    expect(moveProblems({ ...problem, moves: { A: { chemistry: 5 } } })).toEqual([
      { sourceId: 'A', message: 'at most 4 units of it covers chemistry' },
      { sourceId: 'A', message: 'more than the 4 units it is worth' },
    ]);
    // The learner reads hours, not the quarter hours the allocation counts.
    expect(
      moveProblems({ ...problem, moves: { A: { chemistry: 6 } } }, { perHour: 4, unit: 'hours' }),
    ).toEqual([
      { sourceId: 'A', message: 'at most 1 hours of it covers chemistry' },
      { sourceId: 'A', message: 'more than the 1 hours it is worth' },
    ]);
    expect(allocate({ ...problem, moves: { B: { hematology: 1 } } }).movedSources).toEqual([]);
  });
});

// ---- brute force -----------------------------------------------------------------

const POOL: TopicArea[] = ['chemistry', 'hematology', 'ethics', 'safety'];

/** Every split of each free source among the minimums it reaches (the rest unallocated). */
function bestByEnumeration(p: AllocationProblem): number {
  const moves = moveProblems(p).length === 0 ? (p.moves ?? {}) : {};
  const free = p.sources.filter((s) => !moves[s.id]);
  const base = p.minimums.map((m) =>
    Object.entries(moves).reduce((sum, [, split]) => sum + (split[m.id] ?? 0), 0),
  );
  const academicMoved = p.sources
    .filter((s) => s.academic && moves[s.id])
    .reduce((sum, s) => sum + Object.values(moves[s.id]).reduce((a, b) => a + b, 0), 0);
  let best = 0;
  const visit = (j: number, filled: number[], academic: number) => {
    if (p.academicCapUnits !== null && academic + academicMoved > p.academicCapUnits) return;
    if (j === free.length) {
      best = Math.max(best, filled.filter((u, i) => u >= p.minimums[i].units).length);
      return;
    }
    const s = free[j];
    const split = (i: number, left: number, acc: number[]) => {
      if (i === p.minimums.length) {
        const used = acc.reduce((a, b) => a + b, 0);
        visit(
          j + 1,
          filled.map((u, k) => u + acc[k]),
          academic + (s.academic ? used : 0),
        );
        return;
      }
      for (let x = 0; x <= Math.min(left, edgeUnits(s, p.minimums[i])); x++)
        split(i + 1, left - x, [...acc, x]);
    };
    split(0, s.units, []);
  };
  visit(0, base, 0);
  return best;
}

const topicsArb = fc.subarray(POOL, { minLength: 1, maxLength: 3 });
const problemArb = fc
  .record({
    minimums: fc.array(fc.record({ units: fc.integer({ min: 1, max: 4 }), topics: topicsArb }), {
      minLength: 1,
      maxLength: 3,
    }),
    sources: fc.array(
      fc.record({
        units: fc.integer({ min: 1, max: 3 }),
        academic: fc.boolean(),
        topics: fc.array(
          fc.record({
            area: fc.constantFrom(...POOL),
            units: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    academicCapUnits: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    move: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }), {
      nil: undefined,
    }),
  })
  .map(({ minimums, sources, academicCapUnits, move }): AllocationProblem => {
    const ms = minimums.map((m, i) => ({ id: `m${i}`, ...m }));
    const ss = sources.map((s, j) => ({
      id: `s${j}`,
      ...s,
      topics: s.topics.map((t) => (t.units === undefined ? { area: t.area } : t)),
    }));
    const moves = move ? { s0: Object.fromEntries(ms.map((m, i) => [m.id, move[i]])) } : undefined;
    return { totalUnits: 6, academicCapUnits, minimums: ms, sources: ss, moves };
  });

describe('allocation against brute force on small random cases', () => {
  it('meets as many minimums as the best of all allocations, within the rules', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const a = allocate(p);
        const metMinimums = a.minimums.filter((m) => m.met).length;
        expect(metMinimums).toBe(bestByEnumeration(p));
        // Within the rules: no source over its worth or beyond what covers a minimum, academic within the cap.
        for (const s of p.sources) {
          const given = a.minimums.map((m) => m.from[s.id] ?? 0);
          expect(given.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(s.units);
          given.forEach((u, i) => expect(u).toBeLessThanOrEqual(edgeUnits(s, p.minimums[i])));
        }
        const academic = p.sources
          .filter((s) => s.academic)
          .flatMap((s) => a.minimums.map((m) => m.from[s.id] ?? 0))
          .reduce((x, y) => x + y, 0);
        if (p.academicCapUnits !== null) expect(academic).toBeLessThanOrEqual(p.academicCapUnits);
        // Valid moves are kept exactly as the learner set them.
        if (a.movedSources.includes('s0'))
          for (const m of a.minimums) expect(m.from.s0 ?? 0).toBe(p.moves!.s0[m.id]);
      }),
      { numRuns: 400, seed: 20260511 },
    );
  });
});
