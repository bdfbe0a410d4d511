/** Kinds of organisation; agencies are the ones later modules route work to. */
export const ORGANISATION_KINDS = ['agency', 'government', 'ngo', 'company', 'academia', 'community', 'international'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
