/**
 * Whom a service-hall agent signed in to act for: the applicant and the stored proxy authorization
 * they named at sign-in, kept by grant (each agent's sign-in makes a grant of its own), for the
 * tokens of that grant to carry as acting_for and proxy_authorization. The provider cannot see the
 * platform's records: it carries what the agent named, and the platform checks it on every request
 * (subgraphs/shared/cases/verification.ts) — an authorization that is not theirs gives them nothing.
 * In memory, like the provider's grants.
 */
export interface ProxyChoice {
  /** The applicant's ID number (the token's acting_for). */
  actingFor: string;
  /** The stored authorization's id (the token's proxy_authorization). */
  proxyAuthorization: string;
}

export class ProxyChoices {
  private readonly byGrant = new Map<string, { choice: ProxyChoice; until: number }>();

  constructor(private readonly lifetimeMs: number) {}

  remember(grantId: string, choice: ProxyChoice): void {
    const now = Date.now();
    for (const [id, kept] of this.byGrant) if (kept.until <= now) this.byGrant.delete(id);
    this.byGrant.set(grantId, { choice, until: now + this.lifetimeMs });
  }

  of(grantId: string | undefined): ProxyChoice | null {
    const kept = grantId ? this.byGrant.get(grantId) : undefined;
    return kept && kept.until > Date.now() ? kept.choice : null;
  }
}
