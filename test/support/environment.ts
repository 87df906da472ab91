// Every test process runs as the product does: never phoning home, in test mode.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.NODE_ENV = process.env.NODE_ENV ?? 'test';
