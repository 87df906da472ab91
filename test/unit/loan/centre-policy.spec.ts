import fs from 'node:fs';
import path from 'node:path';
import { CENTRE_POLICIES, CENTRES, parseCentrePolicyFile, policyFor, policyInForce, POLICIES_DIR, type CentrePolicy } from '../../../subgraphs/loan/domain/centre-policy';

const FUJIAN_CENTRES = ['350000', '350100', '350200', '350300', '350400', '350500', '350600', '350700', '350800', '350900'];
const fuzhouFile = () => fs.readFileSync(path.join(POLICIES_DIR, '350100-fuzhou.yaml'), 'utf8');

describe('the centres’ policy files', () => {
  it('cover 福建省直 and the nine city centres, each with a name in both languages', () => {
    expect(CENTRES.map((centre) => centre.code)).toEqual(FUJIAN_CENTRES);
    expect(CENTRES.find((centre) => centre.code === '350000')).toMatchObject({ name: '福建省直住房公积金管理中心' });
    for (const centre of CENTRES) expect(centre.nameEn).toMatch(/HPF/);
  });

  it('say on every version whether a centre’s notice confirmed it, and cite the notice when it did', () => {
    for (const policy of CENTRE_POLICIES) {
      expect(typeof policy.confirmed).toBe('boolean');
      if (policy.confirmed) expect(policy.source.document).toMatch(/\S/);
      else expect(policy.source.note).toMatch(/placeholder/);
    }
  });

  it('refuse a malformed file at load, naming the file and the field', () => {
    expect(() => parseCentrePolicyFile('350100-fuzhou.yaml', fuzhouFile().replace('maximumTermMonths: 360', 'maximumTermMonths: 480'))).toThrow(
      /350100-fuzhou\.yaml\.versions\[0\]\.maximumTermMonths: expected a whole number from 12 to 360, got 480/,
    );
    expect(() => parseCentrePolicyFile('350100-fuzhou.yaml', fuzhouFile().replace('combineIncreases: HIGHEST', 'combineIncreases: SOME'))).toThrow(/combineIncreases: expected one of ADD, HIGHEST/);
    expect(() => parseCentrePolicyFile('350100-fuzhou.yaml', fuzhouFile().replace('maximumHpfLoans: 2', 'maximumHpfLoans: 2\n    loanCapMultiplier: 3'))).toThrow(/unknown field loanCapMultiplier/);
    expect(() => parseCentrePolicyFile('350100-fuzhou.yaml', fuzhouFile().replace('confirmed: false', 'confirmed: true'))).toThrow(/a confirmed version cites its notice/);
    expect(() => parseCentrePolicyFile('350200-xiamen.yaml', fuzhouFile())).toThrow(/named after its centre code/);
  });

  it('read caps in yuan and shares in percent into fen and basis points', () => {
    const [fuzhou] = parseCentrePolicyFile('350100-fuzhou.yaml', fuzhouFile());
    expect(fuzhou!.loanCapFen.TWO.FIRST).toBe(80_000_000);
    expect(fuzhou!.minimumDownPaymentBasisPoints).toEqual({ FIRST: 2_000, SECOND: 3_000 });
    expect(fuzhou!.capIncreases).toEqual([
      { kind: 'MULTI_CHILD', threshold: 2, addBasisPoints: 2_000, addFen: 0 },
      { kind: 'GREEN_BUILDING', threshold: 2, addBasisPoints: 1_000, addFen: 0 },
      { kind: 'TALENT', threshold: 1, addBasisPoints: 2_500, addFen: 0 },
    ]);
  });

  it('use each deposit formula somewhere, so each is exercised on real files', () => {
    expect(new Set(CENTRE_POLICIES.map((policy) => policy.depositFormula.basis))).toEqual(new Set(['CURRENT_BALANCE', 'AVERAGE_BALANCE', 'MONTHLY_DEPOSIT', 'DEPOSIT_YEARS']));
  });

  it('keep a second home’s cap at most a first’s, two depositors’ at least one’s, and a larger down payment for a second home', () => {
    for (const { loanCapFen, minimumDownPaymentBasisPoints: down } of CENTRE_POLICIES) {
      for (const depositors of [loanCapFen.ONE, loanCapFen.TWO]) expect(depositors.SECOND).toBeLessThanOrEqual(depositors.FIRST);
      expect(loanCapFen.TWO.FIRST).toBeGreaterThanOrEqual(loanCapFen.ONE.FIRST);
      expect(down.SECOND).toBeGreaterThan(down.FIRST);
    }
  });

  it('cannot be changed at run time', () => {
    const policy = policyFor('350200', '2026-11-20');
    expect(Object.isFrozen(policy) && Object.isFrozen(policy.loanCapFen.ONE) && Object.isFrozen(policy.capIncreases[0])).toBe(true);
  });
});

describe('policyFor', () => {
  it('picks the version in force on the date', () => {
    const base = policyFor('350100', '2026-11-20');
    const versions: CentrePolicy[] = [base, { ...base, effectiveFrom: '2026-01-01', maximumTermMonths: 300 }];
    expect(policyFor('350100', '2025-12-31', versions).maximumTermMonths).toBe(360);
    expect(policyFor('350100', '2026-01-01', versions).maximumTermMonths).toBe(300);
  });

  it('knows no policy for a centre it does not serve, or before a centre’s first version', () => {
    expect(policyInForce('999999', '2026-11-20')).toBeNull();
    expect(policyInForce('350100', '2024-05-17')).toBeNull();
    expect(() => policyFor('999999', '2026-11-20')).toThrow(/no HPF loan policy is recorded for centre 999999/);
  });

  it('refuses a malformed date', () => {
    expect(() => policyFor('350100', '2026/11/20')).toThrow(/calendar date/);
  });
});
