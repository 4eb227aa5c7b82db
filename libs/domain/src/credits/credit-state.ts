/** The states a month's Service Credit can be in (R13 in docs/rules.md), from the contract's view to finance's. */
export const CREDIT_STATES = ['not-eligible', 'eligible-unclaimed', 'claimed', 'denied', 'granted', 'applied'] as const;
export type CreditState = (typeof CREDIT_STATES)[number];
