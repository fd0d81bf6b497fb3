/**
 * Readers of environment variables, shared by every module that reads configuration, so each
 * kind of value is spelled and checked one way: a blank value counts as unset, integers are
 * whole decimal numbers in a range, booleans are true/false (also 1/0, yes/no), and every
 * problem names the variable, the rule and the value received. Each module gives the error its
 * callers expect.
 */
export type ProblemError = (message: string) => Error;

export interface EnvironmentReaders {
  /** The trimmed value, or null when the variable is unset or blank. */
  readString: (env: NodeJS.ProcessEnv, name: string) => string | null;
  readInteger: (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) => number;
  readBoolean: (env: NodeJS.ProcessEnv, name: string, fallback: boolean) => boolean;
  /** One of `allowed`, compared without case. */
  readEnum: <T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T) => T;
}

export function environmentReaders(problem: ProblemError): EnvironmentReaders {
  const readString = (env: NodeJS.ProcessEnv, name: string): string | null => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  return {
    readString,
    readInteger(env, name, fallback, min, max) {
      const raw = readString(env, name);
      if (raw === null) return fallback;
      const value = Number(raw);
      if (!/^\d{1,16}$/.test(raw) || value < min || value > max) {
        throw problem(`${name} must be a whole number from ${min} to ${max}, received "${raw}".`);
      }
      return value;
    },
    readBoolean(env, name, fallback) {
      const raw = readString(env, name);
      if (raw === null) return fallback;
      if (/^(true|1|yes)$/i.test(raw)) return true;
      if (/^(false|0|no)$/i.test(raw)) return false;
      throw problem(`${name} must be true or false, received "${raw}".`);
    },
    readEnum(env, name, allowed, fallback) {
      const raw = readString(env, name);
      if (raw === null) return fallback;
      const value = allowed.find((a) => a === raw.toLowerCase());
      if (!value) throw problem(`${name} must be one of ${allowed.join(', ')}, received "${raw}".`);
      return value;
    },
  };
}
