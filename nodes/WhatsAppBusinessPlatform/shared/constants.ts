export const CREDENTIAL_TYPE = 'whatsAppBusinessPlatformApi';

/** Graph returns at most this many elements per page on most edges. */
export const MAX_PAGE_SIZE = 100;

/**
 * Declarative operations (everything but sends and media) run all items of a node at once in
 * n8n's routing; the transport lets at most this many of them be on the wire at the same time.
 */
export const MAX_IN_FLIGHT_PER_NODE = 8;
