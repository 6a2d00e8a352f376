// Allocating a learner's credit to one credential's requirements: the total
// (points or hours in the cycle, academic credit capped) and the topic
// minimums. Every source counts toward every credential it is eligible for
// (RULES.md: one activity may count toward several credentials), so
// credentials are allocated independently. Within one, each unit of a source
// goes to at most one minimum; the total counts every eligible unit (academic
// ones up to the cap) whatever minimum it went to, so the total is met or not
// regardless of the allocation. The allocation therefore maximises the number
// of minimums met: for each subset of minimums, largest first, a maximum flow
// says whether the sources can fill them all at once; the first that fits is
// met, and the flow is then augmented toward the rest (which keeps the chosen
// ones full). Units are integers (quarter hours): flows stay whole.
import { FlowNetwork } from './max-flow.js';
import type { TopicArea } from './topics.js';

export interface AllocationSource {
  id: string;
  /** Units (quarter hours or quarter points) the source is worth for this credential. */
  units: number;
  academic: boolean;
  /** Topic areas it covers; `units` caps an area when the activity says how much of it is on that area. */
  topics: { area: TopicArea; units?: number }[];
}

export interface AllocationMinimum {
  id: string;
  units: number;
  topics: TopicArea[];
}

/** Units of a source moved by hand: minimum id → units. The rest of the source counts toward the total only. */
export type MovedSplit = Record<string, number>;

export interface AllocationProblem {
  totalUnits: number;
  /** Most academic units that count (half of the total for ASCP CMP); null: no cap. */
  academicCapUnits: number | null;
  minimums: AllocationMinimum[];
  sources: AllocationSource[];
  /** sourceId → its split, set by the learner. */
  moves?: Record<string, MovedSplit>;
}

export interface MinimumResult {
  id: string;
  needed: number;
  units: number;
  met: boolean;
  /** sourceId → units allocated to this minimum. */
  from: Record<string, number>;
}

export interface Allocation {
  countedUnits: number;
  totalMet: boolean;
  /** Academic units offered by the sources, and how many of them count. */
  academicUnits: number;
  academicCounted: number;
  minimums: MinimumResult[];
  /** Requirements met, the total included, out of `of`. */
  met: number;
  of: number;
  /** Sources whose split the learner set (and that were valid). */
  movedSources: string[];
}

/** Units of `source` that can go to `minimum`: its areas that count there, each within its own cap. */
export function edgeUnits(source: AllocationSource, minimum: AllocationMinimum): number {
  const counted = source.topics
    .filter((t) => minimum.topics.includes(t.area))
    .reduce((sum, t) => sum + Math.min(t.units ?? source.units, source.units), 0);
  return Math.min(counted, source.units);
}

/** How a problem's units read to the learner: the allocation counts quarter hours, people read hours. */
export interface UnitWording {
  perHour: number;
  unit: string;
}

/** Why a hand-made split breaks the rules, per source; empty when every split is allowed. */
export function moveProblems(
  problem: AllocationProblem,
  wording: UnitWording = { perHour: 1, unit: 'units' },
): { sourceId: string; message: string }[] {
  const out: { sourceId: string; message: string }[] = [];
  const amount = (units: number) => `${units / wording.perHour} ${wording.unit}`;
  let academicMoved = 0;
  for (const [sourceId, split] of Object.entries(problem.moves ?? {})) {
    const source = problem.sources.find((s) => s.id === sourceId);
    if (!source) {
      out.push({ sourceId, message: 'this credit does not count toward this credential' });
      continue;
    }
    let sum = 0;
    for (const [minimumId, units] of Object.entries(split)) {
      const minimum = problem.minimums.find((m) => m.id === minimumId);
      if (!minimum) out.push({ sourceId, message: `no requirement "${minimumId}" for this credential` });
      else if (!Number.isInteger(units) || units < 0)
        out.push({ sourceId, message: 'amounts are 0 or more' });
      else if (units > edgeUnits(source, minimum))
        out.push({
          sourceId,
          message: `at most ${amount(edgeUnits(source, minimum))} of it covers ${minimumId}`,
        });
      sum += units;
    }
    if (sum > source.units)
      out.push({ sourceId, message: `more than the ${amount(source.units)} it is worth` });
    if (source.academic) academicMoved += sum;
  }
  if (problem.academicCapUnits !== null && academicMoved > problem.academicCapUnits)
    out.push({
      sourceId: '*',
      message: `academic credit counts for at most ${amount(problem.academicCapUnits)}`,
    });
  return out;
}

/** The allocation that meets the most requirements, with the learner's valid moves kept as they are. */
export function allocate(problem: AllocationProblem): Allocation {
  const moves = moveProblems(problem).length === 0 ? (problem.moves ?? {}) : {};
  const movedIds = new Set(Object.keys(moves));
  const free = problem.sources.filter((s) => !movedIds.has(s.id));
  const moved = problem.sources.filter((s) => movedIds.has(s.id));

  const academicUnits = sum(problem.sources.filter((s) => s.academic).map((s) => s.units));
  const cap = problem.academicCapUnits;
  const academicCounted = cap === null ? academicUnits : Math.min(academicUnits, cap);
  const countedUnits = sum(problem.sources.filter((s) => !s.academic).map((s) => s.units)) + academicCounted;

  const pinned = (minimumId: string) => sum(moved.map((s) => moves[s.id][minimumId] ?? 0));
  const academicPinned = sum(moved.filter((s) => s.academic).flatMap((s) => Object.values(moves[s.id])));
  const residual = problem.minimums.map((m) => Math.max(0, m.units - pinned(m.id)));
  const net = new AllocationNetwork(free, problem.minimums, cap === null ? null : cap - academicPinned);

  const open = residual.map((d, i) => (d > 0 && net.reachable(i) >= d ? i : -1)).filter((i) => i >= 0);
  const flow = firstFillable(net, open, residual);
  const minimums: MinimumResult[] = problem.minimums.map((m, i) => {
    const from: Record<string, number> = {};
    for (const s of moved) if (moves[s.id][m.id]) from[s.id] = moves[s.id][m.id];
    free.forEach((s, j) => {
      const units = flow.flowOn(net.sourceNode(j), net.minimumNode(i));
      if (units > 0) from[s.id] = units;
    });
    const units = sum(Object.values(from));
    return { id: m.id, needed: m.units, units, met: units >= m.units, from };
  });
  const totalMet = countedUnits >= problem.totalUnits;
  return {
    countedUnits,
    totalMet,
    academicUnits,
    academicCounted,
    minimums,
    met: (totalMet ? 1 : 0) + minimums.filter((m) => m.met).length,
    of: 1 + minimums.length,
    movedSources: [...movedIds],
  };
}

/** Units the free sources could give one minimum if nothing else wanted them. */
export function reachableUnits(problem: AllocationProblem, minimumId: string): number {
  const i = problem.minimums.findIndex((m) => m.id === minimumId);
  return i < 0
    ? 0
    : new AllocationNetwork(problem.sources, problem.minimums, problem.academicCapUnits).reachable(i);
}

/** Fills the largest subset of `open` minimums that fits at once, then tops up the rest. */
function firstFillable(net: AllocationNetwork, open: number[], demand: number[]): FlowNetwork {
  for (let size = open.length; size > 0; size--) {
    for (const subset of subsetsOfSize(open, size)) {
      const flow = net.build(demand.map((d, i) => (subset.includes(i) ? d : 0)));
      if (flow.maximise(net.S, net.T) === sum(subset.map((i) => demand[i]))) return topUp(net, flow, demand);
    }
  }
  return topUp(net, net.build(demand.map(() => 0)), demand);
}

function topUp(net: AllocationNetwork, flow: FlowNetwork, demand: number[]): FlowNetwork {
  demand.forEach((d, i) => flow.setCapacity(net.minimumNode(i), net.T, d));
  flow.maximise(net.S, net.T);
  return flow;
}

/** Subsets of `items` with `size` elements, in lexicographic order of position. */
function* subsetsOfSize(items: number[], size: number, start = 0): Generator<number[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) {
    for (const rest of subsetsOfSize(items, size - 1, i + 1)) yield [items[i], ...rest];
  }
}

/** Source → (academic pool) → sources → minimums → sink. */
class AllocationNetwork {
  readonly S = 0;
  readonly T = 1;
  private readonly A = 2;

  constructor(
    private readonly sources: AllocationSource[],
    private readonly minimums: AllocationMinimum[],
    private readonly academicCap: number | null,
  ) {}

  sourceNode(j: number): number {
    return 3 + j;
  }

  minimumNode(i: number): number {
    return 3 + this.sources.length + i;
  }

  build(sinkCapacity: number[]): FlowNetwork {
    const net = new FlowNetwork(3 + this.sources.length + this.minimums.length);
    const academic = this.sources.filter((s) => s.academic).map((s) => s.units);
    net.addEdge(this.S, this.A, this.academicCap === null ? sum(academic) : Math.max(0, this.academicCap));
    this.sources.forEach((s, j) => {
      net.addEdge(s.academic ? this.A : this.S, this.sourceNode(j), s.units);
      this.minimums.forEach((m, i) => net.addEdge(this.sourceNode(j), this.minimumNode(i), edgeUnits(s, m)));
    });
    sinkCapacity.forEach((c, i) => net.addEdge(this.minimumNode(i), this.T, c));
    return net;
  }

  reachable(i: number): number {
    const only = this.minimums.map((_m, k) => (k === i ? Number.MAX_SAFE_INTEGER : 0));
    return this.build(only).maximise(this.S, this.T);
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
