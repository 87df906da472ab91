/**
 * What the gateway tells the page about its deployment (gateway/plugins/web-app.ts puts it in a
 * <meta name="hpf-config"> of index.html): where citizens sign in, as which client, for which API.
 */
export interface AppConfig {
  /** The identity provider's issuer (its discovery document is read from there). */
  issuer: string;
  /** The app's public OAuth client at the provider (PKCE, no secret). */
  clientId: string;
  /** The resource indicator (RFC 8707) the token is asked for: the gateway's audience. */
  audience: string;
  /** The GraphQL endpoint, on this origin. */
  graphqlPath: string;
  /**
   * How often, in ms, the application page reads a case that can still change again; without it,
   * every few seconds (ApplicationView's POLL_MS). No gateway serves one: the browser specs give
   * their pages a shorter one, so that they do not wait on the reading.
   */
  pollMs?: number;
}

export function readConfig(): AppConfig {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="hpf-config"]');
  if (!meta) throw new Error('this page was not served by the gateway (no hpf-config)');
  return JSON.parse(meta.content) as AppConfig;
}

/** Where the provider sends the person back: this app's own sign-in landing, on this origin. */
export const redirectUri = () => `${window.location.origin}/app/signed-in`;
