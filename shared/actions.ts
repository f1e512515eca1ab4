/** Every action the engine accepts, as a schema: the engine checks each action against it. */
import { z } from "zod";

export const MAX_TEXT = 600;
export const MAX_NAME = 40;

const seatId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const delegationId = z.string().regex(/^[A-Z]{2,3}$/);
const ref = z.string().min(1).max(40);
const text = z.string().max(MAX_TEXT);
const choice = z.enum(["yes", "no", "abstain"]);
/** "I will vote `vote` on any ballot about `target` (an option id, or "postpone") of `item`." */
export const pledgeSchema = z.object({ item: ref, target: ref, vote: choice }).strict();

// The moves an adviser may prepare share their fields with the signatory's own actions.
const proposeShape = { item: ref, option: ref, note: text.optional() };
const amendShape = { proposal: ref, option: ref, note: text.optional() };
const offerShape = { to: delegationId, give: pledgeSchema, want: pledgeSchema.nullable(), note: text.optional() };
/** A propose, amend or commit.offer without its stamp: what an adviser prepares for the signatory. */
export const preparedMoveSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("propose"), ...proposeShape }).strict(),
  z.object({ type: z.literal("amend"), ...amendShape }).strict(),
  z.object({ type: z.literal("commit.offer"), ...offerShape }).strict(),
]);

const stamp = { by: z.string().min(1).max(40), at: z.number().int().min(0).max(8.64e15) };
const act = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...stamp, ...shape }).strict();

export const actionSchema = z.discriminatedUnion("type", [
  // seats: the server joins and removes seats; players pick; the host assigns
  act("seat.join", { seat: seatId, name: z.string().min(1).max(MAX_NAME), bot: z.boolean().optional() }),
  act("seat.leave", { seat: seatId }),
  act("seat.pick", { delegation: delegationId }),
  act("seat.assign", { seat: seatId, delegation: delegationId.nullable(), signatory: z.boolean().optional() }),
  // the host's controls
  act("host.start", {}),
  act("host.pause", {}),
  act("host.resume", {}),
  act("host.extend", { seconds: z.number().int().min(1).max(3600) }),
  act("host.advance", {}),
  act("host.inject", { event: ref.optional(), title: z.string().min(1).max(120).optional(), text: text.optional() }),
  act("host.broadcast", { text: z.string().min(1).max(MAX_TEXT) }),
  act("host.end", {}),
  // the clock: the server sends a tick when a phase deadline passes
  act("clock.tick", {}),
  // delegations
  act("say", { channel: z.string().min(1).max(20), text: z.string().min(1).max(MAX_TEXT) }),
  act("propose", proposeShape),
  act("amend", amendShape),
  act("amendment.accept", { amendment: ref }),
  act("amendment.reject", { amendment: ref }),
  act("cosponsor", { proposal: ref }),
  act("withdraw", { proposal: ref }),
  act("vote", { ballot: ref, choice }),
  act("commit.offer", offerShape),
  act("commit.accept", { commitment: ref }),
  act("commit.decline", { commitment: ref }),
  act("commit.withdraw", { commitment: ref }),
  // advisers: the signatory gives each a portfolio; advisers prepare moves the signatory approves or discards
  act("team.portfolio", { seat: seatId, items: z.array(ref).max(40) }),
  act("prepare", { move: preparedMoveSchema, note: text.optional() }),
  act("prepared.approve", { prepared: ref }),
  act("prepared.discard", { prepared: ref }),
]);

export type Action = z.output<typeof actionSchema>;
export type ActionType = Action["type"];
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;
export type Pledge = z.output<typeof pledgeSchema>;
export type Choice = z.output<typeof choice>;
export type PreparedMoveInput = z.output<typeof preparedMoveSchema>;
/** An action before the server stamps who sent it and when. */
export type ActionInput = Action extends infer A ? (A extends Action ? Omit<A, "by" | "at"> : never) : never;
