/** Configuration as specs try it: a production environment that passes, and the problems of any other. */
import { ConfigError, loadConfig } from '../../lib/config';

/** Strong, distinct values for every production secret, and the provider's https JWKS. */
export const PRODUCTION_ENV: Readonly<Record<string, string>> = Object.freeze({
  NODE_ENV: 'production',
  AGENCY_APP_SECRET: 'q7Vd2kXz9LmN4pRt8sWb1yHc6fJg3aEu',
  ENTITY_REF_KEY: '3f9a1c7e5b2d8046af13c9e7d5b1a3f08e6c4a2d0b9f7e5c3a1d8b6f4e2c0a97',
  INTERNAL_TRUST_SECRET: 'Zt4Qw8Er2Ty6Ui0Op3As7Df1Gh5Jk9Lz',
  ACCESS_RECORD_CHAIN_KEY: 'Hq3Wn7Zr1Tk5Vb9Xd2Mf6Pj0Ls4Gc8Ya',
  ACCESS_RECORD_CHECKPOINT_DIR: '/var/lib/hpf/checkpoints',
  GATEWAY_VERIFY_KEYS: 'dRezBak9iMWIwpsGlZ7_IygX_F2m-y29PH5SfnUKst0',
  AUTH_JWKS_URL: 'https://auth.fj-hpf.example/jwks',
});

/** Every problem loadConfig reports for this environment; none when it loads. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}
