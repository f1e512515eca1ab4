/**
 * The summit's state as @colyseus/schema classes, for the sync comparison only (bench/syncCompare.ts): what a room
 * would declare to replace views with Colyseus state sync. Field names follow `View` so a decoded client state can be
 * checked against `viewFor`. Secrets are `.view()` fields: a client sees them only once its StateView holds them.
 * Nullable values are optional fields (null travels as "absent"); fractions are float64, as msgpack sends them.
 */
import { schema, t } from "@colyseus/schema";

export const SeatSchema = schema({
  name: t.string(),
  delegation: t.string().optional(),
  bot: t.boolean(),
  joinedAt: t.number(),
  /** Here, away or bot: in state, so it needs no message of its own. */
  presence: t.string(),
}, "Seat");

export const ItemPrioritiesSchema = schema({ outcomes: t.map("number") }, "ItemPriorities");

export const DelegationSchema = schema({
  signatory: t.string().optional(),
  spoke: t.boolean(),
  speeches: t.number(),
  /** Item → outcome → value: visible to the delegation's own views, and to everyone after the end. */
  priorities: t.map(ItemPrioritiesSchema).view(),
}, "Delegation");

export const PreparedTagSchema = schema({ id: t.string(), step: t.string(), author: t.string() }, "PreparedTag");

export const MessageSchema = schema({
  seq: t.number(),
  at: t.number(),
  channel: t.string(),
  from: t.string(),
  seat: t.string(),
  text: t.string(),
  prepared: t.ref(PreparedTagSchema).optional(),
}, "Message");

export const NoticeSchema = schema({
  seq: t.number(), at: t.number(), kind: t.string(), title: t.string(), text: t.string(), event: t.string().optional(),
}, "Notice");

export const AmendmentSchema = schema({
  id: t.string(), by: t.string(), option: t.string(), note: t.string(), status: t.string(),
}, "Amendment");

export const ProposalSchema = schema({
  id: t.string(),
  item: t.string(),
  option: t.string(),
  sponsor: t.string(),
  cosponsors: t.array("string"),
  note: t.string(),
  amendments: t.array(AmendmentSchema),
  status: t.string(),
  round: t.number(),
}, "Proposal");

export const BallotSchema = schema({
  id: t.string(),
  proposal: t.string(),
  item: t.string(),
  option: t.string(),
  rule: t.string(),
  round: t.number(),
  openedAt: t.number(),
  closedAt: t.number().optional(),
  votes: t.map("string"),
  result: t.string(),
  closesAt: t.number().optional(),
  remaining: t.number().optional(),
  lapsed: t.array("string"),
}, "Ballot");

export const PledgeSchema = schema({ item: t.string(), target: t.string(), vote: t.string() }, "Pledge");

export const CommitmentSchema = schema({
  id: t.string(),
  from: t.string(),
  to: t.string(),
  give: t.ref(PledgeSchema),
  want: t.ref(PledgeSchema).optional(),
  note: t.string(),
  status: t.string(),
  at: t.number(),
  judged: t.map("string"),
}, "Commitment");

export const CohesionPointSchema = schema({ seq: t.number(), at: t.number(), value: t.float64() }, "CohesionPoint");

export const ScoreSchema = schema({
  raw: t.float64(), priority: t.float64(), reputation: t.float64(), perItem: t.map("float64"), baseline: t.float64(),
  gain: t.float64(), standing: t.float64(), kept: t.number(), broken: t.number(), objections: t.number(),
  lapsed: t.number(), silent: t.number(), total: t.float64(),
}, "Score");

export const ResultSchema = schema({
  outcomes: t.map("string"), scores: t.map(ScoreSchema), winners: t.array("string"), cohesion: t.float64(), failed: t.boolean(),
}, "Result");

export const RuleSchema = schema({ rule: t.string(), postponeRule: t.string() }, "Rule");
export const ClockSchema = schema({ endsAt: t.number().optional(), remaining: t.number().optional() }, "Clock");
export const LibraryEventSchema = schema({ id: t.string(), title: t.string(), scripted: t.boolean() }, "LibraryEvent");
/** What only the host's desk shows: the events it can still inject. */
export const HostDeskSchema = schema({ eventLibrary: t.array(LibraryEventSchema) }, "HostDesk");

export const SummitSchema = schema({
  format: t.number(),
  seed: t.number(),
  timing: t.string(),
  rules: t.map(RuleSchema),
  status: t.string(),
  round: t.number(),
  phase: t.string().optional(),
  clock: t.ref(ClockSchema),
  now: t.number(),
  seq: t.number(),
  nextId: t.number(),
  seats: t.map(SeatSchema),
  delegations: t.map(DelegationSchema),
  /** Fractions: "number" would send them as float32 (0.6 arrives as 0.6000000238). */
  relations: t.map("float64"),
  speakingOrder: t.array("string"),
  floor: t.string().optional(),
  /** Every line: each client's StateView holds the ones it may read. */
  messages: t.array(MessageSchema).view(),
  notices: t.array(NoticeSchema),
  proposals: t.array(ProposalSchema),
  ballots: t.array(BallotSchema),
  outcomes: t.map("string"),
  /** Each commitment is in its two parties' views (everyone's after the end). */
  commitments: t.array(CommitmentSchema).view(),
  cohesion: t.array(CohesionPointSchema),
  result: t.ref(ResultSchema).optional(),
  /** Counts of private lines per channel: the host's view, everyone's after the end. */
  privateTraffic: t.map("number").view(),
  host: t.ref(HostDeskSchema).view(),
}, "Summit");

export type SummitMirror = InstanceType<typeof SummitSchema>;
export type MessageMirror = InstanceType<typeof MessageSchema>;
export type CommitmentMirror = InstanceType<typeof CommitmentSchema>;
export type DelegationMirror = InstanceType<typeof DelegationSchema>;
