/**
 * 自然资源 Natural Resources: real-estate registrations, holdings by owner, and the mortgage
 * direct-connect service (抵押登记 “银行直连”). Registered mortgages live in this simulator
 * instance, beside the shared data set, so a reset forgets them.
 */
import { createHash } from 'node:crypto';
import type { Encumbrance, MortgageRegistrationRequest, MortgageRegistrationResult, PropertyRegistrationRecord } from '../lib/agency-contracts';
import { validateIdNumber, validateUnitNumber } from '../lib/identifiers';
import type { Dataset } from './data';
import { countyOf } from './data/fujian';
import { buildRegistrationProofNumber } from './data/numbers';
import { lookUpKeys, requireItems, requireKeys, requireOptionalBoolean, requireString } from './shared/batch';
import { badRequest } from './shared/errors';
import { textPdf } from './shared/pdf';
import type { AgencyHandlers, Untrusted } from './shared/simulator';

interface Registered {
  request: MortgageRegistrationRequest;
  result: MortgageRegistrationResult;
}

export function naturalResourcesHandlers(dataset: Dataset): AgencyHandlers<'natural-resources'> {
  const byLoanContract = new Map<string, Registered>();
  const addedEncumbrances = new Map<string, Encumbrance[]>();
  const proofSequences = new Map<string, number>();

  const registrationOf = (unitNumber: string): PropertyRegistrationRecord | undefined => {
    const base = dataset.registrationsByUnit.get(unitNumber);
    const added = addedEncumbrances.get(unitNumber);
    return base && added ? { ...base, encumbrances: [...base.encumbrances, ...added] } : base;
  };

  const nextProofNumber = (year: number, cityName: string): string => {
    const key = `${cityName}:${year}`;
    const sequence = (proofSequences.get(key) ?? 0) + 1;
    proofSequences.set(key, sequence);
    return buildRegistrationProofNumber(year, cityName, sequence);
  };

  return {
    reset: () => {
      byLoanContract.clear();
      addedEncumbrances.clear();
      proofSequences.clear();
    },
    endpoints: {
      '/api/v1/registrations/batch-query': (request) => lookUpKeys(request.unitNumbers, 'unitNumbers', registrationOf),
      // Holdings are negative evidence too (无房): a well-formed ID number with nothing on file
      // is answered with an empty list. Asked withRegistrations, each holding comes with the
      // register's record of every unit in it, as the by-unit query would answer them.
      '/api/v1/registrations/batch-query-by-owner': (request, context) => {
        const withRegistrations = requireOptionalBoolean(request.withRegistrations, 'withRegistrations');
        return lookUpKeys(request.idNumbers, 'idNumbers', (idNumber) => {
          if (!validateIdNumber(idNumber, context.now).ok) return undefined;
          const holdings = dataset.holdingsByOwner.get(idNumber) ?? { idNumber, unitNumbers: [] };
          if (!withRegistrations) return holdings;
          return { ...holdings, registrations: holdings.unitNumbers.flatMap((unitNumber) => registrationOf(unitNumber) ?? []) };
        });
      },
      '/api/v1/mortgages/register': (raw, context) => {
        const request = parseMortgageRequest(raw);
        const earlier = byLoanContract.get(request.loanContractNumber);
        if (earlier) {
          // Idempotent on the loan contract: a retry gets the certificate already issued.
          if (!sameFacts(earlier.request, request)) throw badRequest('this loan contract number is already registered with different facts');
          return earlier.result;
        }
        const registration = registrationOf(request.unitNumber);
        if (!registration) throw badRequest('no registration on file for this unit number');
        if (registration.status === 'TRANSFER_PENDING') throw badRequest('the transfer of this unit is not registered yet; it cannot be mortgaged');
        if (registration.encumbrances.some((e) => e.type === 'SEIZURE')) throw badRequest('the unit is under seizure (查封); it cannot be mortgaged');
        const owners = new Set(registration.owners.map((o) => o.idNumber));
        const mortgagors = new Set(request.mortgagorIdNumbers);
        if (owners.size !== mortgagors.size || [...mortgagors].some((id) => !owners.has(id))) {
          throw badRequest('the mortgagors must be exactly the registered owners of the unit');
        }

        const cityName = countyOf(request.unitNumber.slice(0, 6)).city.name;
        const registeredAt = context.now.toISOString();
        const registrationDay = chinaDate(context.now);
        const certificateNumber = nextProofNumber(Number(registrationDay.slice(0, 4)), cityName);
        const document = certificateDocument(certificateNumber, request, registration, registrationDay);
        const result: MortgageRegistrationResult = {
          unitNumber: request.unitNumber,
          certificateNumber,
          registeredAt,
          eCertificate: {
            mediaType: 'application/pdf',
            documentBase64: document.toString('base64'),
            sha256: createHash('sha256').update(document).digest('hex'),
          },
        };
        // One registration, one certificate; one mortgage right on the register per lender.
        const encumbrances: Encumbrance[] = request.mortgagees.map((mortgagee) => ({
          type: 'MORTGAGE',
          holder: mortgagee.name,
          certificateNumber,
          registeredAt: registrationDay,
          amountFen: mortgagee.amountFen,
        }));
        addedEncumbrances.set(request.unitNumber, [...(addedEncumbrances.get(request.unitNumber) ?? []), ...encumbrances]);
        byLoanContract.set(request.loanContractNumber, { request, result });
        return result;
      },
    },
  };
}

function parseMortgageRequest(raw: Untrusted<MortgageRegistrationRequest>): MortgageRegistrationRequest {
  const unitNumber = requireString(raw.unitNumber, 'unitNumber');
  const unitCheck = validateUnitNumber(unitNumber);
  if (!unitCheck.ok) throw badRequest(`unitNumber: ${unitCheck.rule}`);
  const mortgagorIdNumbers = requireKeys(raw.mortgagorIdNumbers, 'mortgagorIdNumbers');
  if (mortgagorIdNumbers.length === 0) throw badRequest('mortgagorIdNumbers must name at least one mortgagor');
  const mortgagees = requireItems(raw.mortgagees, 'mortgagees', (item, path) => {
    const amountFen = item.amountFen;
    if (typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen) || amountFen <= 0) throw badRequest(`${path}.amountFen must be a positive integer number of fen`);
    return { name: requireString(item.name, `${path}.name`), amountFen };
  });
  if (mortgagees.length < 1 || mortgagees.length > 2) throw badRequest('mortgagees must name the lender, or the two lenders of a combination loan');
  return {
    unitNumber,
    mortgagorIdNumbers,
    mortgagees,
    loanContractNumber: requireString(raw.loanContractNumber, 'loanContractNumber'),
  };
}

function sameFacts(a: MortgageRegistrationRequest, b: MortgageRegistrationRequest): boolean {
  const people = (r: MortgageRegistrationRequest) => [...new Set(r.mortgagorIdNumbers)].sort().join(',');
  const lenders = (r: MortgageRegistrationRequest) => r.mortgagees.map((m) => `${m.name}:${m.amountFen}`).join('|');
  return a.unitNumber === b.unitNumber && lenders(a) === lenders(b) && people(a) === people(b);
}

/** The e-certificate (不动产登记证明) as a one-page PDF, marked as simulator output. */
function certificateDocument(
  certificateNumber: string,
  request: MortgageRegistrationRequest,
  registration: PropertyRegistrationRecord,
  registrationDay: string,
): Buffer {
  const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return textPdf('不动产登记证明', [
    `证明号：${certificateNumber}`,
    '证明权利或事项：抵押权',
    ...request.mortgagees.map((mortgagee) => `权利人（抵押权人）：${mortgagee.name}，被担保主债权数额：${yuan(mortgagee.amountFen)}元`),
    `义务人（抵押人）：${registration.owners.map((o) => o.name).join('、')}`,
    `不动产单元号：${request.unitNumber}`,
    `坐落：${registration.address}`,
    `被担保主债权数额合计：${yuan(request.mortgagees.reduce((total, mortgagee) => total + mortgagee.amountFen, 0))}元`,
    `借款合同编号：${request.loanContractNumber}`,
    `登记时间：${registrationDay}`,
    '模拟数据 (simulator output), 非真实登记证明',
  ]);
}

/** The registration day as the registry sees it: China Standard Time, UTC+8 all year. */
function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
