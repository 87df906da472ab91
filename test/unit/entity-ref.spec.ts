import { createEntityRefs } from '../../subgraphs/shared/entity-ref';

const KEY = 'aa'.repeat(32);
const ID = '350102199003140316';

describe('opaque entity references', () => {
  const refs = createEntityRefs(KEY);

  it('opens what it sealed, and seals one person to one reference', () => {
    const ref = refs.seal('applicant', ID);
    expect(refs.open('applicant', ref)).toBe(ID);
    expect(createEntityRefs(KEY).seal('applicant', ID)).toBe(ref);
  });

  it('does not reveal the identifier', () => {
    const ref = refs.seal('applicant', ID);
    expect(ref).not.toContain(ID);
    expect(Buffer.from(ref.slice(4), 'base64url').toString('latin1')).not.toContain(ID.slice(6, 14));
  });

  it('refuses a reference of another kind, another key, or altered', () => {
    const ref = refs.seal('applicant', ID);
    expect(() => refs.open('property', ref)).toThrow(/not a valid property reference/);
    expect(() => createEntityRefs('bb'.repeat(32)).open('applicant', ref)).toThrow(/not a valid applicant reference/);
    const altered = ref.slice(0, -2) + (ref.endsWith('A') ? 'BB' : 'AA');
    expect(() => refs.open('applicant', altered)).toThrow(/not a valid applicant reference/);
  });

  it('refuses a reference of another kind after it has opened as its own', () => {
    const fresh = createEntityRefs(KEY);
    const ref = fresh.seal('applicant', ID);
    expect(fresh.open('applicant', ref)).toBe(ID);
    expect(() => fresh.open('property', ref)).toThrow(/not a valid property reference/);
    expect(fresh.open('applicant', ref)).toBe(ID);
  });

  it('refuses a reference forged from a readable ID number', () => {
    expect(() => refs.open('applicant', `apl_${Buffer.from(ID).toString('base64url')}`)).toThrow(/not a valid/);
  });
});
