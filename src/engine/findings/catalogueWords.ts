/* Small agreements of number the catalogue's messages share. */

/** "is" for one, "are" for more. */
export const isAre = (n: number) => (n === 1 ? "is" : "are");
/** The verb's "s" for one: "holds" against "hold". */
export const verbS = (n: number) => (n === 1 ? "s" : "");
/** "it is" for one, "they are" for more. */
export const itIs = (n: number) => (n === 1 ? "it is" : "they are");
/** Quoted, as a header or value is quoted in a message. */
export const quoted = (texts: readonly string[]) => texts.map((t) => `"${t}"`);
