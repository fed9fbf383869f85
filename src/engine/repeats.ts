import { hashText } from "./hash";

/**
 * Finds repeated keys among many (a million references in a return): for each repeat, the index of
 * its first occurrence. An open-addressing table over typed arrays, because a Set of a million
 * strings costs several times more time and memory, and this check runs on every return.
 */
export function findRepeats(count: number, keyAt: (i: number) => string | undefined): Map<number, number> {
  const repeats = new Map<number, number>();
  let size = 1024;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  // Each slot holds a key's index + 1 (0: empty) beside its hash, so a probe touches one cache line.
  const slots = new Int32Array(size * 2);
  for (let i = 0; i < count; i++) {
    const key = keyAt(i);
    if (key === undefined) continue;
    const h = hashText(key);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 2;
      const held = slots[at];
      if (held === 0) {
        slots[at] = i + 1;
        slots[at + 1] = h;
        break;
      }
      if (slots[at + 1] === h && keyAt(held - 1) === key) {
        repeats.set(i, held - 1);
        break;
      }
    }
  }
  return repeats;
}
