/** Speaking: public statements, private lines and the team caucus. */
import type { Message } from "../state";
import { delegationIds, type Handler, refuse, seatedDelegation } from "./context";
import { channelMembers } from "./channels";

export const say: Handler<"say"> = (s, a, events) => {
  if (s.status === "ended") return refuse("SUMMIT_ENDED");
  if (s.status === "paused") return refuse("NOT_RUNNING");
  const d = seatedDelegation(s, a.by);
  if (typeof d !== "string") return d;
  const members = channelMembers(a.channel, delegationIds(s));
  if (members === null || (members !== "all" && !members.includes(d))) return refuse("NO_SUCH_CHANNEL");
  // Before the summit opens only the team caucus is open.
  if (s.status === "lobby" && members === "all") return refuse("NOT_RUNNING");
  if (s.status === "lobby" && members.length > 1) return refuse("NOT_RUNNING");
  const text = a.text.trim();
  if (text.length === 0) return refuse("BAD_ACTION");
  const msg: Message = { seq: s.seq, at: s.now, channel: a.channel, from: d, seat: a.by, text };
  events.push(members === "all" ? { type: "message", message: msg } : { type: "message", to: members, message: msg });
  let next = { ...s, messages: [...s.messages, msg] };
  if (members === "all") {
    next.floor = d;
    const del = next.delegations[d];
    if (next.phase === "opening" && del && !del.spoke) {
      next = { ...next, delegations: { ...next.delegations, [d]: { ...del, spoke: true, speeches: del.speeches + 1 } } };
    }
  }
  return next;
};
