// An activity's stored policy as its report reads it, parsed once per
// distinct stored text: the zod parse (with the defaults for policies saved
// before a field existed) cost one activity's report 0.07-0.16 ms on every
// call, for a policy that changes only when the activity is edited. Keyed by
// the text itself, so an edited policy is parsed anew and never read stale.
import { policyOrDefaults, type Policy } from '../domain/policy-schema.js';

/** Distinct policies kept; the oldest parsed goes first past it. */
const KEPT = 256;
const parsed = new Map<string, Policy>();

/** The policy of this stored JSON text (defaults when it is not a valid policy). Shared between calls: read it, never change it. */
export function storedPolicy(text: string): Policy {
  const known = parsed.get(text);
  if (known) return known;
  const policy = policyOrDefaults(JSON.parse(text));
  if (parsed.size >= KEPT) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, policy);
  return policy;
}
