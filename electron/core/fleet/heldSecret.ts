import { inspect } from 'node:util';

/** A secret on its way into the vault: printing, logging or serialising it shows only a placeholder. */
export class HeldSecret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[secret]';
  }

  toString(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return 'HeldSecret [secret]';
  }
}
