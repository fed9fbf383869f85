/*
 * The kinds of return a partner sends (the `kinds` command, the pane's lists of kinds): each is a
 * declarative definition in the engine, listed here for the front ends. And the user's own header
 * for a kind's field, where recognition by meaning fails.
 */
import type { TextCheck } from "../engine/findings/outcome";
import { returnKind, RETURN_KINDS } from "../engine/returns/returnKinds";

export { returnKind, RETURN_KINDS };

/** kind -> field -> the header that carries it. */
export type HeaderMap = Record<string, Record<string, string>>;

/** Mappings written KIND.FIELD=HEADER (fires.cause=Fire motive), each checked against the kind's fields. */
export function headerMapFrom(mappings: readonly string[]): TextCheck<{ map: HeaderMap }> {
  const map = Object.create(null) as HeaderMap;
  for (const v of mappings) {
    const m = /^([a-z-]+)\.([A-Za-z]+)=(.+)$/.exec(v);
    if (!m) return { ok: false, message: `${v}: write it as KIND.FIELD=HEADER, e.g. fires.cause="Fire motive".` };
    const kind = returnKind(m[1]);
    if (!kind) return { ok: false, message: `${v}: "${m[1]}" is not a kind of return (${RETURN_KINDS.map((k) => k.id).join(", ")}).` };
    if (!kind.fields.some((f) => f.id === m[2]))
      return {
        ok: false,
        message: `${v}: a ${kind.label} return has no field "${m[2]}"; its fields are ${kind.fields.map((f) => f.id).join(", ")}.`,
      };
    (map[m[1]] ??= Object.create(null) as Record<string, string>)[m[2]] = m[3];
  }
  return { ok: true, map };
}
