import { parseArgs } from 'node:util';
import { InputError } from '../input-error.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export type OptionValues<S extends OptionSpec> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : S[K]['multiple'] extends true ? string[] : string;
};

/** `node:util` parseArgs in strict mode, with its errors turned into one-line usage errors. */
export function parseOptions<S extends OptionSpec>(
  args: readonly string[],
  options: S,
  positionals: { min: number; max: number; what: string },
): { values: OptionValues<S>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const ambiguous = /^Option '(--[^']+)' argument is ambiguous/.exec(message);
    if (ambiguous) throw new InputError(`${ambiguous[1]} needs a value; write ${ambiguous[1]}=VALUE for a value that starts with '-'`);
    throw new InputError(message.replace(/\. To specify a positional argument.*$/, '').replace(/^Unknown option/, 'unknown option'));
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new InputError(`missing ${positionals.what}`);
  if (count > positionals.max) throw new InputError(`unexpected argument '${parsed.positionals[positionals.max]}'`);
  return { values: parsed.values as OptionValues<S>, positionals: parsed.positionals };
}

/** A finite number from a flag value, checked against a range. */
export function numberOption(flag: string, text: string | undefined, range: { min?: number; integer?: boolean; exclusiveMin?: boolean } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new InputError(`${flag} must be a number, got '${text}'`);
  if (range.integer && !Number.isInteger(value)) throw new InputError(`${flag} must be an integer, got '${text}'`);
  if (range.min !== undefined && (range.exclusiveMin ? value <= range.min : value < range.min)) {
    throw new InputError(`${flag} must be ${range.exclusiveMin ? '>' : '≥'} ${range.min}, got ${text}`);
  }
  return value;
}

/** One of a fixed list of names. */
export function choiceOption<T extends string>(flag: string, text: string | undefined, choices: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) throw new InputError(`${flag} must be one of ${choices.join('|')}, got '${text}'`);
  return text as T;
}

/**
 * Arguments with a flag whose value is optional (`--html` or `--html PATH`) written `--flag=` where it
 * has none: given last, or followed by an option or by an argument `isValue` refuses (e.g. the
 * command's positional argument); parseOptions then reads it as a string option, '' for no value.
 */
export function optionalValue(args: readonly string[], flag: string, isValue: (next: string) => boolean): string[] {
  return args.map((a, i) => {
    const next = args[i + 1];
    return a === flag && (next === undefined || next.startsWith('-') || !isValue(next)) ? `${flag}=` : a;
  });
}
