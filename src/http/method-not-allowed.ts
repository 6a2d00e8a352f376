// A path the app serves, asked with a method it does not serve there, is a
// 405 naming the methods it does (Allow), not a 404: clients and generated
// SDKs can tell "wrong method" from "no such thing".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface KnownRoute {
  pattern: RegExp;
  method: string;
}

/** /reports/activities/:activityId → ^/reports/activities/[^/]+$ (wildcards match the rest). */
function patternOf(url: string): RegExp {
  const body = url
    .split('/')
    .map((part) =>
      part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${body}/?$`);
}

export function registerMethodNotAllowed(app: FastifyInstance): void {
  const routes: KnownRoute[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ pattern: patternOf(route.url), method });
  });
  const allowedAt = (path: string) => [
    ...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method)),
  ];
  const answer = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    const allowed = allowedAt(path);
    if (allowed.length > 0 && !allowed.includes(req.method))
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({ error: `method: ${req.method} is not allowed here; use ${allowed.join(' or ')}` });
    return reply.status(404).send({ error: `path: nothing at ${req.method} ${path}` });
  };
  // Answered before the body is parsed: Fastify refuses a body method it routes
  // nowhere (QUERY, PROPFIND) for its missing content type, a 400 that hides this.
  app.addHook('onRequest', async (req, reply) => {
    if (req.is404) return answer(req, reply);
  });
  app.setNotFoundHandler(answer);
}
