/** A step that ran but did not do what it should: the sentence says what was seen. */
export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}
