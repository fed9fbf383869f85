/*
 * The problems a request itself can have, for the front ends and adapters that refuse one: each is
 * a code of the catalogue's request room, worded there from its facts.
 */
export { problem } from "../engine/findings/outcome";
export type { Problem } from "../engine/findings/outcome";
