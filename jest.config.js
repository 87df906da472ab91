/** Tests are specifications: one suffix (`.spec.ts`), unit specs beside nothing but test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/support/environment.ts'],
  testTimeout: 30000,
};
