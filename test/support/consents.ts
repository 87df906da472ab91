// Cases and consents written straight to the store: shared with the benchmarks (scripts/support/case-seeds.ts).
export * from '../../scripts/support/case-seeds';
