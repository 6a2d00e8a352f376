// Routes are declared once with zod schemas: the same schemas validate the
// request and generate /openapi.json, so the document cannot drift.
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { Invalid } from '../domain/errors.js';
import { Unauthorized } from './errors.js';

export type Auth = 'enrollment' | 'staff' | 'committee' | 'public';

export interface RouteSpec<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify path, e.g. /activities/:activityId */
  url: string;
  summary: string;
  tags: string[];
  auth: Auth;
  params?: P;
  query?: Q;
  body?: B;
  /** Status → description (and schema, when JSON). */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Left out of /openapi.json (learner HTML pages). */
  hidden?: boolean;
}

export interface Parsed<B, P, Q> {
  body: B;
  params: P;
  query: Q;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Handler<B, P, Q> = (input: Parsed<B, P, Q>) => Promise<unknown> | unknown;

/** One line per zod problem: "body.claims.0.credits: Too big: expected number to be <=10". */
export function describeZodError(where: string, error: z.ZodError): string {
  return error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
}

function parse<T>(where: string, schema: z.ZodType<T> | undefined, value: unknown): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw new Invalid(describeZodError(where, result.error));
  return result.data;
}

export function bearerAllows(config: Config, auth: Auth, header: string | undefined): boolean {
  if (auth === 'public') return true;
  const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  if (!token) return false;
  switch (auth) {
    case 'enrollment':
      return token === config.API_TOKEN || token === config.STAFF_TOKEN;
    case 'staff':
      return token === config.STAFF_TOKEN;
    case 'committee':
      return token === config.COMMITTEE_TOKEN || token === config.STAFF_TOKEN;
  }
}

export class RouteRegistry {
  readonly specs: RouteSpec<z.ZodType, z.ZodType, z.ZodType>[] = [];

  constructor(
    readonly app: FastifyInstance,
    readonly config: Config,
  ) {}

  add<
    B extends z.ZodType = z.ZodUndefined,
    P extends z.ZodType = z.ZodUndefined,
    Q extends z.ZodType = z.ZodUndefined,
  >(spec: RouteSpec<B, P, Q>, handler: Handler<z.infer<B>, z.infer<P>, z.infer<Q>>): void {
    this.specs.push(spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>);
    this.app.route({
      method: spec.method,
      url: spec.url,
      handler: async (req, reply) => {
        if (!bearerAllows(this.config, spec.auth, req.headers.authorization)) {
          throw new Unauthorized(`authorization: a Bearer token for ${spec.auth} access is required`);
        }
        const params = parse('params', spec.params, req.params) as z.infer<P>;
        const query = parse('query', spec.query, req.query) as z.infer<Q>;
        const body = parse('body', spec.body, req.body) as z.infer<B>;
        const result = await handler({ body, params, query, req, reply });
        return result;
      },
    });
  }

  /** OpenAPI 3.1 document of every route added so far. */
  document(info: { title: string; version: string; serverUrl: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      if (spec.hidden) continue;
      const path = spec.url.replace(/:(\w+)/g, '{$1}');
      const parameters: unknown[] = [];
      for (const [where, schema] of [
        ['path', spec.params],
        ['query', spec.query],
      ] as const) {
        if (!schema) continue;
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
          properties?: Record<string, unknown>;
          required?: string[];
        };
        for (const [name, s] of Object.entries(json.properties ?? {})) {
          parameters.push({
            name,
            in: where,
            required: where === 'path' || !!json.required?.includes(name),
            schema: s,
          });
        }
      }
      const responses: Record<string, unknown> = {};
      for (const [status, r] of Object.entries(spec.responses)) {
        responses[status] = r.schema
          ? {
              description: r.description,
              content: {
                [r.contentType ?? 'application/json']: {
                  schema: z.toJSONSchema(r.schema, { io: 'output', unrepresentable: 'any' }),
                },
              },
            }
          : { description: r.description };
      }
      if (spec.body || spec.params)
        responses['400'] ??= { description: 'A field is invalid; the message names it' };
      if (spec.auth !== 'public') responses['401'] ??= { description: 'Missing or wrong bearer token' };
      paths[path] ??= {};
      paths[path][spec.method.toLowerCase()] = {
        summary: spec.summary,
        tags: spec.tags,
        ...(spec.auth !== 'public' ? { security: [{ [spec.auth]: [] }] } : {}),
        ...(parameters.length ? { parameters } : {}),
        ...(spec.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        responses,
      };
    }
    const bearer = { type: 'http', scheme: 'bearer' };
    return {
      openapi: '3.1.0',
      info: { title: info.title, version: info.version },
      servers: [{ url: info.serverUrl }],
      components: { securitySchemes: { enrollment: bearer, staff: bearer, committee: bearer } },
      paths,
    };
  }
}
