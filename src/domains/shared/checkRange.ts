import { BadUserInputError } from '../../errors.js';

/** Checks an integer argument against its bounds before any work; the message names them. */
export function checkRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`\`${argument}\` must be between ${min} and ${max} (got ${value}).`, { argument, min, max });
  }
  return value;
}
