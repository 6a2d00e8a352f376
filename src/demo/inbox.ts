// The demo learners' inbox: the local mail capture of `npm start` (/mail.json).
// Learners who answer the follow-up "after a reminder" do it as a person
// would: open the reminder email and click one of its one-click answers.
// One shared poller serves every waiting learner.

interface CapturedSummary {
  id: number;
  to: string[];
  subject: string;
  receivedAt: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DemoInbox {
  private messages: CapturedSummary[] = [];
  private polling: Promise<void> | undefined;
  private lastPoll = 0;
  /** Captured messages never change: each body is fetched once. */
  private bodies = new Map<number, Promise<string>>();

  private constructor(
    readonly baseUrl: string,
    /** Mail from earlier runs is not this run's. */
    readonly since: Date,
  ) {}

  /** The inbox, or undefined when the stack sends real mail (no local capture to read). */
  static async open(baseUrl: string): Promise<DemoInbox | undefined> {
    const res = await fetch(`${baseUrl}/mail.json`).catch(() => null);
    return res?.ok ? new DemoInbox(baseUrl, new Date()) : undefined;
  }

  private async refresh(): Promise<void> {
    if (Date.now() - this.lastPoll < 2000) return this.polling;
    this.lastPoll = Date.now();
    this.polling = fetch(`${this.baseUrl}/mail.json`)
      .then((r) => r.json() as Promise<CapturedSummary[]>)
      .then((all) => {
        this.messages = all;
      });
    return this.polling;
  }

  private html(id: number): Promise<string> {
    let body = this.bodies.get(id);
    if (!body) {
      body = fetch(`${this.baseUrl}/mail/${id}`).then((r) => r.text());
      this.bodies.set(id, body);
    }
    return body;
  }

  /**
   * Waits for the `nth` email (1 = the follow-up itself, 2 = its first
   * reminder) to `to` that links to the follow-up form; returns its link for
   * the answer, pointed at the demo's API URL.
   */
  async followUpLink(to: string, nth: number, implemented: string, deadline: number): Promise<string> {
    for (;;) {
      await this.refresh();
      // /mail.json is newest first.
      const mine = this.messages
        .filter((m) => m.to.includes(to) && new Date(m.receivedAt) >= this.since)
        .reverse();
      const withForm: string[] = [];
      for (const m of mine) {
        const html = await this.html(m.id);
        const links = [...html.matchAll(/href="([^"]*\/learn\/follow_up\?[^"]*)"/g)].map((x) =>
          x[1].replace(/&amp;/g, '&'),
        );
        const answer = links.find((l) => new URL(l).searchParams.get('implemented') === implemented);
        if (answer) withForm.push(answer);
        if (withForm.length >= nth) {
          // Links carry PUBLIC_URL; the demo may reach the stack by another address.
          const link = new URL(withForm[nth - 1]);
          return `${this.baseUrl}${link.pathname}${link.search}`;
        }
      }
      if (Date.now() > deadline) throw new Error(`no follow-up email #${nth} for ${to} by the deadline`);
      await sleep(3000 + Math.random() * 1000);
    }
  }
}
