// Maximum flow (Edmonds–Karp) on small integer networks: the allocation of
// credit to topic minimums is a flow from credit sources to minimums. The
// networks are a few dozen nodes, so the plain algorithm is plenty.

export class FlowNetwork {
  private readonly cap: number[][];
  private readonly flow: number[][];

  constructor(readonly size: number) {
    this.cap = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    this.flow = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  }

  /** Adds capacity from `from` to `to` (edges added twice add up). */
  addEdge(from: number, to: number, capacity: number): void {
    this.cap[from][to] += Math.max(0, capacity);
  }

  /** Sets an edge's capacity (raising a sink edge keeps the flow already on it). */
  setCapacity(from: number, to: number, capacity: number): void {
    this.cap[from][to] = Math.max(0, capacity);
  }

  flowOn(from: number, to: number): number {
    return this.flow[from][to];
  }

  /**
   * Augments the current flow to a maximum one and returns the total from
   * `source`. Augmenting paths end at the sink, so a saturated edge into the
   * sink stays saturated: the caller can saturate some minimums first and then
   * open the others.
   */
  maximise(source: number, sink: number): number {
    for (;;) {
      const parent = this.shortestAugmentingPath(source, sink);
      if (!parent) break;
      let bottleneck = Infinity;
      for (let v = sink; v !== source; v = parent[v]) {
        bottleneck = Math.min(bottleneck, this.residual(parent[v], v));
      }
      for (let v = sink; v !== source; v = parent[v]) {
        const u = parent[v];
        // Cancel opposite flow first, so flows stay non-negative one way.
        const back = Math.min(bottleneck, this.flow[v][u]);
        this.flow[v][u] -= back;
        this.flow[u][v] += bottleneck - back;
      }
    }
    return this.flow[source].reduce((sum, f) => sum + f, 0);
  }

  private residual(u: number, v: number): number {
    return this.cap[u][v] - this.flow[u][v] + this.flow[v][u];
  }

  private shortestAugmentingPath(source: number, sink: number): number[] | undefined {
    const parent = new Array<number>(this.size).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0) {
      const u = queue.shift()!;
      for (let v = 0; v < this.size; v++) {
        if (parent[v] !== -1 || this.residual(u, v) <= 0) continue;
        parent[v] = u;
        if (v === sink) return parent;
        queue.push(v);
      }
    }
    return undefined;
  }
}
