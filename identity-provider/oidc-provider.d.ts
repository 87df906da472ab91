/**
 * The part of oidc-provider (an ES module without its own types) that the local identity provider
 * uses. Loaded with `import()` (identity-provider/provider.ts): a CommonJS tree cannot require it.
 */
declare module 'oidc-provider' {
  import type http from 'node:http';

  export interface Interaction {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> & { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
    params: Record<string, unknown> & { client_id?: string };
    session?: { accountId: string };
    grantId?: string;
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface TokenLike {
    kind: string;
    accountId?: string;
    clientId?: string;
    scope?: string;
    /** The grant the token was issued under. */
    grantId?: string;
  }

  export interface ClientLike {
    clientId: string;
  }

  export interface ProviderContext {
    oidc: { params?: Record<string, unknown>; client?: ClientLike };
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    readonly issuer: string;
    Grant: {
      new (properties: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    callback(): (request: http.IncomingMessage, response: http.ServerResponse) => void;
    interactionDetails(request: http.IncomingMessage, response: http.ServerResponse): Promise<Interaction>;
    interactionFinished(request: http.IncomingMessage, response: http.ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
    InvalidScope: new (description: string, scope?: string) => Error;
  };
}
