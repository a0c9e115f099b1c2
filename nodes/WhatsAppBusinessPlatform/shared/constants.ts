export const CREDENTIAL_TYPE = 'whatsAppBusinessPlatformApi';

/** Graph returns at most this many elements per page on most edges. */
export const MAX_PAGE_SIZE = 100;
