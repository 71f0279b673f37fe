// The one hash psrt computes itself: SHA-256 of UTF-8 text, as lowercase hex.
// The audit chain, file digests in audit events and the keys derived from
// tokens and effect keys all use it.
import { createHash } from 'node:crypto';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
