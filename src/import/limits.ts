/**
 * Caps on what an import may unpack. A package is untrusted: a few kilobytes of zip or zstd can
 * claim or produce gigabytes, so every decompression counts its output against these.
 */

/** The collection database, decompressed (a 200k-note collection with history is ~150 MB). */
export const MAX_COLLECTION_BYTES = 1024 * 1024 * 1024;
/** One media file, decompressed. */
export const MAX_MEDIA_FILE_BYTES = 512 * 1024 * 1024;
/** Everything unpacked from one package, media included. */
export const MAX_PACKAGE_BYTES = 8 * 1024 * 1024 * 1024;
/** The JSON or protobuf media map. */
export const MAX_MEDIA_MAP_BYTES = 64 * 1024 * 1024;
/** A plain-text or CSV file. */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;
