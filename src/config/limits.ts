/** A config.yaml above this is refused unread: a real one is a few hundred bytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
