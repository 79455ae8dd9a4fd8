import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PolicyDeskError } from '../errors.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArguments {
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** node:util parseArgs in strict mode, with its errors turned into one-line INVALID_ARGUMENTS errors. */
export function parseCommandArguments(args: readonly string[], options: OptionSpec, usage: string): ParsedArguments {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { options: parsed.values as ParsedArguments['options'], positionals: parsed.positionals };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]!.replace(/\.$/, '') : 'bad arguments';
    throw new PolicyDeskError('INVALID_ARGUMENTS', `${reason}; ${usage}`);
  }
}

/** A string option that must be present and not blank. */
export function requireOption(parsed: ParsedArguments, name: string, usage: string): string {
  const value = parsed.options[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `--${name} is required; ${usage}`);
  }
  return value.trim();
}
