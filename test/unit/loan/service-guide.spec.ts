import { DATA_ITEMS } from '../../../lib/data-items';
import { PROVINCIAL_CENTRE_CODE } from '../../../subgraphs/loan/domain/centre-policy';
import {
  CENTRE_PROMISES,
  MATERIALS,
  promisedDecisionBy,
  promiseFor,
  serviceGuideFor,
  STATUTORY_DECISION_DAYS,
  type CentrePromise,
} from '../../../subgraphs/loan/service-guide';

const FUJIAN_CENTRES = [PROVINCIAL_CENTRE_CODE, '350100', '350200', '350300', '350400', '350500', '350600', '350700', '350800', '350900'];
/** Every agency of the one thing. */
const AGENCY_NAMES = Object.keys(DATA_ITEMS);
const NOW = new Date('2026-11-20T02:00:00Z');

describe('the service guide', () => {
  it('covers the provincial centre and the nine city centres, each with a promise shorter than the statutory 15 days', () => {
    expect(serviceGuideFor(PROVINCIAL_CENTRE_CODE, NOW)!.centres.map((centre) => centre.code)).toEqual(FUJIAN_CENTRES);
    for (const code of FUJIAN_CENTRES) {
      const guide = serviceGuideFor(code, NOW)!;
      expect(guide.centre.code).toBe(code);
      expect(guide.centre.name).toMatch(/住房公积金/);
      expect(guide.centre.promisedLimit).toMatchObject({ dayKind: 'CALENDAR', basis: expect.stringMatching(/\S/) });
      expect(guide.centre.promisedLimit.days).toBeLessThan(guide.statutoryLimit.days);
    }
  });

  it('marks every centre’s promise unconfirmed, with a source note and no notice number it could not check', () => {
    for (const promise of CENTRE_PROMISES) {
      expect(promise.confirmed).toBe(false);
      expect(promise.sourceNote).toMatch(/UNCONFIRMED/);
      expect(promise.sourceNote).not.toMatch(/〔\d{4}〕/);
    }
  });

  it('gives the statutory limit as 15 calendar days from acceptance under the HPF regulation', () => {
    expect(serviceGuideFor('350100', NOW)!.statutoryLimit).toMatchObject({ days: 15, dayKind: 'CALENDAR', confirmed: true, basis: expect.stringContaining('住房公积金管理条例') });
  });

  it('fills every field of the standard: conditions, materials, steps, fee, FAQ, channels, linked items, delivery', () => {
    const guide = serviceGuideFor('350200', NOW)!;
    for (const list of [guide.conditions, guide.legalBasis, guide.steps, guide.faq, guide.channels, guide.linkedItems, guide.resultDelivery]) expect(list.length).toBeGreaterThan(0);
    expect(guide.fee.charged).toBe(false);
    expect(guide.steps.map((step) => step.order)).toEqual(guide.steps.map((_, index) => index + 1));
    expect(guide.channels.map((channel) => channel.kind)).toEqual(expect.arrayContaining(['ONLINE', 'MOBILE_APP', 'SERVICE_HALL']));
    expect(guide.channels.find((channel) => channel.kind === 'SERVICE_HALL')!.assisted).toBe(true);
    // The plan's three items, and a verification for every agency.
    expect(guide.linkedItems.filter((item) => item.kind === 'ITEM').map((item) => item.agency)).toEqual(['provident-fund', 'pboc-credit', 'natural-resources']);
    expect(new Set(guide.linkedItems.map((item) => item.agency))).toEqual(new Set(AGENCY_NAMES));
    for (const item of guide.linkedItems) {
      expect(item.sampleResult).toMatch(/\S/);
      expect(item.timeLimit.days).toBeGreaterThanOrEqual(0);
    }
  });

  it('names for each material its source, form, whether required, and the agency data item that replaces it', () => {
    for (const material of MATERIALS) {
      expect(material).toMatchObject({ source: expect.stringMatching(/\S/), form: expect.stringMatching(/^(PAPER|ELECTRONIC)$/), howSubmitted: expect.stringMatching(/\S/) });
    }
    expect(new Set(MATERIALS.flatMap((material) => (material.replacedBy ? [material.replacedBy] : [])))).toEqual(new Set(AGENCY_NAMES));
    expect(MATERIALS.find((material) => material.replacedBy === 'civil-affairs')).toMatchObject({ sharedDataItem: 'marriage', required: true });
    // What the applicant still brings: the down payment receipt and the bank card.
    expect(MATERIALS.filter((material) => material.required && material.replacedBy === null)).toHaveLength(2);
  });

  it('knows no guide for a code that is not a Fujian centre', () => {
    expect(serviceGuideFor('110000', NOW)).toBeNull();
  });
});

describe('promisedDecisionBy', () => {
  const promise = (centreCode: string, effectiveFrom: string, decisionDays: number): CentrePromise => ({
    centreCode,
    centreName: `中心 ${centreCode}`,
    effectiveFrom: effectiveFrom as CentrePromise['effectiveFrom'],
    decisionDays,
    confirmed: false,
    sourceNote: 'test',
  });
  const versions = [promise('350100', '2025-01-01', 10), promise('350100', '2026-01-01', 5)];

  it('is the acceptance time plus the promised days of the centre’s promise in force at acceptance', () => {
    expect(promisedDecisionBy('350100', new Date('2025-06-01T08:00:00Z'), versions)).toEqual(new Date('2025-06-11T08:00:00Z'));
    expect(promisedDecisionBy('350100', new Date('2026-06-01T08:00:00Z'), versions)).toEqual(new Date('2026-06-06T08:00:00Z'));
  });

  it('takes the China date of acceptance: 16:00 UTC on 31 December is already the new year there', () => {
    expect(promiseFor('350100', new Date('2025-12-31T16:00:00Z'), versions)?.decisionDays).toBe(5);
    expect(promiseFor('350100', new Date('2025-12-31T15:59:59Z'), versions)?.decisionDays).toBe(10);
  });

  it('is null for a centre without a promise then, and never later than the statutory limit for a Fujian centre', () => {
    expect(promisedDecisionBy('350100', new Date('2024-06-01T08:00:00Z'), versions)).toBeNull();
    expect(promisedDecisionBy('999999', NOW)).toBeNull();
    for (const code of FUJIAN_CENTRES) {
      expect(promisedDecisionBy(code, NOW)!.getTime()).toBeLessThan(NOW.getTime() + STATUTORY_DECISION_DAYS * 24 * 3600 * 1000);
    }
  });
});
