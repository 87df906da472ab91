import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { allow } from 'graphql-shield';
import { ANONYMOUS, type Actor } from '../../lib/actor';
import type { ConsentStore, ProxyScope } from '../../storage/types';
import type { CaseFile } from '../../subgraphs/shared/cases/case-file';
import type { PolicyContext } from '../../subgraphs/shared/policy/context';
import { maskAddress, maskIdNumber, maskMobile, maskName } from '../../subgraphs/shared/policy/masks';
import { applyPolicy, masked } from '../../subgraphs/shared/policy/policy';
import { applicantSubject, createConsentLookup, hasRole, isAuthenticated, mayReadPersonalData } from '../../subgraphs/shared/policy/rules';

const ME = '350102199003140316';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { me: Person, broken: Person, unruled: String }
  type Person { idNumber: String, marriage: String, mobile: String, failing: String }
`);

/** A case whose parties are these people, as the platform's record would have it. */
const caseOf = (...parties: string[]) => ({ application: { id: 'case-1' }, steps: [], parties: parties.map((idNumber) => ({ idNumber, role: 'APPLICANT', ordinal: 1 })) }) as unknown as CaseFile;

function contextOf(actor: Actor, consents: Partial<ConsentStore> = {}, file: CaseFile | null = null): PolicyContext {
  const store = { findActiveForItems: async () => new Map(), ...consents } as ConsentStore;
  const base = { actor, purpose: 'HPF_LOAN_REVIEW' as const, consents: store, subjectKeyOf: (id: string) => id, caseFile: async () => file };
  return {
    ...base,
    requestId: 'unit',
    applicationId: file ? 'case-1' : null,
    proxy: null,
    denials: new Map(),
    consentLookup: createConsentLookup(base),
    ledger: [],
    idNumberMask: 'strict',
    _shield: { cache: {} },
  };
}
const officer = { ...ANONYMOUS, role: 'FUND_OFFICER' as const, subject: 'o-1', centre: '350100' };
const consenting = { findActiveForItems: async (query: { items: readonly unknown[] }) => new Map(query.items.map((_, index) => [index, { id: 'consent-9' } as never])) };

describe('applyPolicy', () => {
  const schema = applyPolicy(
    buildSubgraphSchema([
      {
        typeDefs,
        resolvers: {
          Query: { me: () => ({ idNumber: ME }), broken: () => ({ idNumber: ME }), unruled: () => 'secret' },
          Person: { marriage: () => 'MARRIED', mobile: () => '13805910316', failing: () => Promise.reject(new Error('agency fault')) },
        },
      },
    ]),
    {
      Query: { me: isAuthenticated, broken: isAuthenticated },
      Person: {
        idNumber: allow,
        marriage: { rule: mayReadPersonalData('civil-affairs', 'marriage', applicantSubject), record: { agency: 'civil-affairs', dataItem: 'marriage', subjects: applicantSubject } },
        mobile: masked(isAuthenticated, maskMobile, hasRole('APPLICANT')),
        failing: isAuthenticated,
      },
    },
  );
  const run = (source: string, context: PolicyContext) => execute({ schema, document: parse(source), contextValue: context });
  const applicant = contextOf({ ...ANONYMOUS, role: 'APPLICANT', subject: 'c-1', personIdNumber: ME });

  it('denies a field it does not name, by default', async () => {
    const result = await run('{ unruled }', applicant);
    expect(result.data).toEqual({ unruled: null });
    expect(result.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('answers an anonymous caller UNAUTHENTICATED, a signed-in one FORBIDDEN', async () => {
    expect((await run('{ me { marriage } }', contextOf(ANONYMOUS))).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const auditor = contextOf({ ...ANONYMOUS, role: 'AUDITOR', subject: 'a-1' });
    expect((await run('{ me { marriage } }', auditor)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a centre that names no case CASE_REQUIRED, even holding a consent', async () => {
    const result = await run('{ me { marriage } }', contextOf(officer, consenting, null));
    expect(result.errors![0]!.extensions!.code).toBe('CASE_REQUIRED');
  });

  it('refuses a centre reading someone who is no party to its case NOT_A_PARTY', async () => {
    const result = await run('{ me { marriage } }', contextOf(officer, consenting, caseOf('350104199108220462')));
    expect(result.errors![0]!.extensions!.code).toBe('NOT_A_PARTY');
  });

  it('refuses a party of the case who has not consented to it CONSENT_REQUIRED', async () => {
    const result = await run('{ me { marriage } }', contextOf(officer, {}, caseOf(ME)));
    expect(result.errors![0]!.extensions!.code).toBe('CONSENT_REQUIRED');
  });

  it('lets the data subject read, and records the read with its legal basis', async () => {
    const context = contextOf({ ...ANONYMOUS, role: 'APPLICANT', subject: 'c-1', personIdNumber: ME });
    expect((await run('{ me { marriage } }', context)).data).toEqual({ me: { marriage: 'MARRIED' } });
    expect(context.ledger).toEqual([{ subjectIdNumber: ME, agency: 'civil-affairs', field: 'Person.marriage', legalBasis: 'DATA_SUBJECT_REQUEST', consentId: null }]);
  });

  it('lets an officer read a party of their case under that party’s consent for it, recording the consent', async () => {
    const context = contextOf(officer, consenting, caseOf(ME));
    expect((await run('{ me { marriage mobile } }', context)).data).toEqual({ me: { marriage: 'MARRIED', mobile: '138****0316' } });
    expect(context.ledger[0]).toMatchObject({ legalBasis: 'CONSENT', consentId: 'consent-9' });
  });

  describe('a proxy agent', () => {
    const agent = { ...ANONYMOUS, role: 'PROXY_AGENT' as const, subject: 'hall-agent-7', personIdNumber: ME, proxyAuthorizationRef: 'auth-1' };
    const verified = (...scopes: ProxyScope[]) => ({ ...contextOf(agent), proxy: { id: 'auth-1', scopes } });

    it('reads the person within a verified authorization’s VIEW_DATA, recording that authorization as the ground', async () => {
      const context = verified('VIEW_DATA');
      const result = await run('{ me { marriage mobile } }', context);
      expect(result.data).toEqual({ me: { marriage: 'MARRIED', mobile: '138****0316' } });
      expect(context.ledger).toEqual([{ subjectIdNumber: ME, agency: 'civil-affairs', field: 'Person.marriage', legalBasis: 'PROXY_AUTHORIZATION', consentId: 'auth-1' }]);
    });

    it('is refused PROXY_NOT_AUTHORIZED when the authorization does not cover viewing, or none was verified', async () => {
      for (const context of [verified('MANAGE_CONSENTS', 'SUBMIT_APPLICATION'), contextOf(agent)]) {
        const result = await run('{ me { marriage } }', context);
        expect(result.data).toEqual({ me: { marriage: null } });
        expect(result.errors![0]!.extensions!.code).toBe('PROXY_NOT_AUTHORIZED');
        expect(context.ledger).toEqual([]);
      }
    });

    it('gets nothing of anyone but the person who authorized them', async () => {
      const context = { ...contextOf({ ...agent, personIdNumber: '350104199108220462' }), proxy: { id: 'auth-1', scopes: ['VIEW_DATA' as const] } };
      const result = await run('{ me { marriage } }', context);
      expect(result.data).toEqual({ me: { marriage: null } });
      expect(result.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    });
  });

  it('never disguises a resolver’s own fault as a denial', async () => {
    const result = await run('{ me { failing } }', applicant);
    expect(result.errors![0]!.message).toBe('agency fault');
    expect(result.errors![0]!.extensions!.code).toBeUndefined();
  });

  it('never disguises a failing rule (the consent store down) as a denial', async () => {
    const context = contextOf(officer, { findActiveForItems: () => Promise.reject(new Error('store down')) }, caseOf(ME));
    const result = await run('{ me { marriage } }', context);
    expect(result.errors![0]!.message).toBe('store down');
    expect(result.errors![0]!.extensions!.code).not.toBe('FORBIDDEN');
  });
});

describe('masks', () => {
  it('keep what DOMAIN.md keeps', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskIdNumber('11010519491231002X', 'strict')).toBe('1***************2X');
    expect(maskIdNumber('11010519491231002X', 'six-four')).toBe('110105********002X');
    expect(maskMobile('13805910316')).toBe('138****0316');
    expect(maskAddress('福州市鼓楼区五四路88号瑞景花园3幢1202室')).toBe('福州市鼓楼区****');
  });
});
