/** Validation of a membership's constants before a class uses them. */
export function requireExponent(nu: number, lo: number, hi: number, who: string): void {
  if (!(nu >= lo && nu <= hi)) throw new RangeError(`${who}: ν = ${nu} is outside [${lo}, ${hi}]`);
}

export function requireConstant(value: number, name: string, who: string): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${who}: ${name} = ${value} is not a finite constant ≥ 0`);
}
