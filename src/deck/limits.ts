/** Files above this are refused unread: a deck that big is a mistake, and YAML is slow. */
export const MAX_DECK_BYTES = 5 * 1024 * 1024;

/**
 * Choices on one card, at most: each is picked with a letter, `a`–`h`. Eight lines of choices
 * under a two-line question still leave an 80×24 screen room for the rating row and the
 * explanation; exam questions rarely offer more than five.
 */
export const MAX_CHOICES = 8;
