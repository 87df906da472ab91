/**
 * What `npm run bench` asks of the system: who is read, in which case, with which queries. The
 * subgraph tier seeds the cases from this list and the load client sends these queries, so both
 * sides name the same people without telling each other.
 */
import type { Dataset } from '../../agencies/data/dataset';
import { ordinaryApplicantIds } from '../../agencies/data/scenarios';

/**
 * People on the 50-applicant list: the co-borrowers of one case (its applicant is one more), each
 * consenting for it. One list field, so a gateway can ask each agency subgraph for all fifty in
 * one fetch (`applicants(idNumbers:)` takes ten: five aliased fields are five fetches per subgraph
 * for Apollo's planner, one for Hive's batching).
 */
export const LIST_SIZE = 50;
/**
 * Dashboard applicants, each with a case of their own; lane i of the load reads the people
 * i, i + lanes, i + 2·lanes, … so no two requests in flight are the same (a gateway that
 * deduplicates identical subgraph calls would otherwise answer one caller with another's read).
 */
export const DASHBOARD_PEOPLE = 32;

const PERSON = /* GraphQL */ `
  name
  identityVerification { householdStatus verified }
  marriage { status }
  creditReport { cumulativeOverdueMonths }
  providentFundAccount { balance continuousDepositMonths }
  realEstateHoldings { count properties { registration { status } contractFiling { price } transferTax { paid } } }
`;

/** One applicant's dashboard: seven agencies (公安, 民政, 人行, 公积金, 自然资源, and 住建 and 税务 through the home they own). */
export const DASHBOARD = `query BenchDashboard($id: IdNumber!) { applicant(idNumber: $id) { ${PERSON} } }`;

/** Fifty applicants of one case, the dashboard's fields each. */
export const LIST = `query BenchList($id: ID!) { loanApplication(id: $id) { coBorrowers { ${PERSON} } } }`;

/** A query one subgraph (identity) answers alone: the gateway hop is this through the gateway ÷ this straight to the subgraph. */
export const HOP = 'query BenchHop($id: IdNumber!) { applicant(idNumber: $id) { name identityVerification { householdStatus verified } } }';

export interface BenchPeople {
  /** Dashboard applicants: ordinary people who own a home, so all seven agencies answer. */
  dashboard: string[];
  /** The list's case: its applicant, then the fifty co-borrowers; disjoint from the dashboard's people. */
  list: string[];
}

export function benchPeople(dataset: Dataset): BenchPeople {
  const list = ordinaryApplicantIds(dataset, LIST_SIZE + 1);
  const onList = new Set(list);
  const homeOwners = dataset.applicants.filter(
    (applicant) => applicant.scenario === null && !onList.has(applicant.idNumber) && (dataset.holdingsByOwner.get(applicant.idNumber)?.unitNumbers.length ?? 0) > 0,
  );
  if (homeOwners.length < DASHBOARD_PEOPLE) throw new Error(`the data set has ${homeOwners.length} ordinary home owners; the dashboard needs ${DASHBOARD_PEOPLE}`);
  return { dashboard: homeOwners.slice(0, DASHBOARD_PEOPLE).map((applicant) => applicant.idNumber), list };
}

/** The people an answer names (each should carry a name): the dashboard's one, the list's fifty. */
export function peopleIn(data: Record<string, unknown> | undefined): unknown[] {
  const root = data?.applicant ?? (data?.loanApplication as { coBorrowers?: unknown } | undefined)?.coBorrowers;
  return Array.isArray(root) ? root : root ? [root] : [];
}
