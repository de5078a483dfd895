/** Files above this are refused unread: a deck that big is a mistake, and YAML is slow. */
export const MAX_DECK_BYTES = 5 * 1024 * 1024;
