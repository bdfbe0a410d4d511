/** How agency webhooks are signed (the pages document it; commands/webhooks.ts signs and verifies). */

/** Header with the Unix time (seconds) the webhook POST was signed at. */
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Polity-Timestamp';
/** Header with `sha256=<hex>`: HMAC-SHA256 of `<timestamp>.<body>` keyed by the agency's webhook secret. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Polity-Signature';
/** How far a receiver should accept a timestamp from its own clock, so a captured POST cannot be replayed later. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
