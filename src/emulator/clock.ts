/**
 * The emulator's clock: the wall clock plus an offset that only moves forward, set through
 * `POST /_emulator/clock` so tests can let temporary credentials expire without waiting. Every
 * time the emulator hands out or checks (credential expiry, createdAt and modifiedAt, the age of
 * idempotency records) is read from it.
 */
export class EmulatorClock {
  private offsetMs = 0;

  constructor(private readonly wallClock: () => number = Date.now) {}

  now(): number {
    return this.wallClock() + this.offsetMs;
  }

  /** Moves the clock `ms` forward (never back: a timestamp handed out stays in the past). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Back to the wall clock (the one way it moves back: for the end of a test). */
  reset(): void {
    this.offsetMs = 0;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
