/** Whether a value read from a file (JSON) is a list of strings: the caches' one check of it. */
export const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');
