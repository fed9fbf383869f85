/*
 * The kinds of return a partner sends (the `kinds` command, the pane's lists of kinds): each is a
 * declarative definition in the engine, listed here for the front ends.
 */
export { returnKind, RETURN_KINDS } from "../engine/returns/returnKinds";
