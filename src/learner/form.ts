// Reading urlencoded form bodies (@fastify/formbody): a field is a string, or
// an array when the form repeats the name (checkboxes).
export type FormBody = Record<string, string | string[] | undefined>;

export function formString(body: FormBody, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? v[0] : (v ?? '')).trim();
}

export function formList(body: FormBody, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean);
}
