/**
 * When a finished table's room may go. Once the table has ended and nobody is at it, a grace starts; when it runs
 * out the room hands itself to Colyseus's auto-dispose, which disposes of it only if it is still empty (no client,
 * no seat reserved, no reconnection pending). Anyone arriving in between keeps the room up. It comes back from its
 * log when asked for (TableRooms.open).
 */
import type { Delayed } from "@colyseus/core";

/** The room as the grace sees it. */
export interface GraceRoom {
  clock: { setTimeout(f: () => void, ms: number): Delayed };
  /** Colyseus's own switch (Room.autoDispose): when on, the room is disposed as soon as it is empty. */
  autoDispose(): boolean;
  setAutoDispose(on: boolean): void;
  ended(): boolean;
  empty(): boolean;
}

export class EndedGrace {
  private timer: Delayed | null = null;

  constructor(private room: GraceRoom, private ms: number) {}

  /** Starts the grace if the table has ended and nobody is here (nothing to do while one runs or disposal is armed). */
  check(): void {
    if (!this.room.ended() || !this.room.empty() || this.timer || this.room.autoDispose()) return;
    this.timer = this.room.clock.setTimeout(() => {
      this.timer = null;
      this.room.setAutoDispose(true);
    }, this.ms);
  }

  /** Someone is here, or about to be: the room stays up. */
  stayUp(): void {
    this.timer?.clear();
    this.timer = null;
    this.room.setAutoDispose(false);
  }

  /** Someone is about to join an empty finished room: its grace starts again from now. */
  keepAlive(): void {
    if (!this.timer && !this.room.autoDispose()) return;
    this.stayUp();
    this.check();
  }
}
