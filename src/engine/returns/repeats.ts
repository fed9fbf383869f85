import { hashText } from "../read/hash";

/**
 * Finds repeated keys among many (a million references in a return): for each repeat, the index of
 * its first occurrence. An open-addressing table over typed arrays, because a Set of a million
 * strings costs several times more time and memory, and this check runs on every return.
 */
export function findRepeats(count: number, keyAt: (i: number) => string | undefined): Map<number, number> {
  return findRepeatsBy(
    count,
    (i) => {
      const key = keyAt(i);
      return key === undefined ? undefined : hashText(key);
    },
    (i, j) => keyAt(i) === keyAt(j),
  );
}

/**
 * The same, for keys known by a hash (undefined: no key) and compared only when hashes agree:
 * a key need not be made into a string to be looked for.
 */
export function findRepeatsBy(
  count: number,
  hashAt: (i: number) => number | undefined,
  same: (i: number, j: number) => boolean,
): Map<number, number> {
  const repeats = new Map<number, number>();
  let size = 1024;
  while (size < count * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const hashes = new Int32Array(size);
  for (let i = 0; i < count; i++) {
    const h = hashAt(i);
    if (h === undefined) continue;
    let slot = h & mask;
    for (;;) {
      const j = slots[slot];
      if (j === -1) {
        slots[slot] = i;
        hashes[slot] = h;
        break;
      }
      if (hashes[slot] === h && same(i, j)) {
        repeats.set(i, j);
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return repeats;
}
