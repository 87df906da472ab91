/** Tests are specifications: one suffix (`.spec.ts`), unit specs beside nothing but test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/support/environment.ts'],
  // The whole run's logs are searched for personal data when it ends; a leak fails the run.
  globalSetup: '<rootDir>/test/support/log-reset.ts',
  globalTeardown: '<rootDir>/test/support/log-audit.ts',
  testTimeout: 30000,
  // Two workers on this 2-core machine: most specs wait on sockets and timers, so two overlap well
  // (jest's default here is one). The specs that need the default ports take turns by a lock.
  maxWorkers: 2,
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
};
