import { badUserInput } from '../../lib/errors';
import { maskIdNumberForRecord } from '../../storage';
import { StorageError } from '../../storage/errors';
import { MAX_WEBHOOKS_PER_CENTRE } from '../../storage/notice-outbox';
import type { LoanApplicationRow, LoanStatus, NoticeWebhookListing } from '../../storage/loan-types';
import { applicantRef, propertyRef, resolveApplicantReference } from '../shared/references';
import { userError } from './user-errors';
import { checkSubmission, requestHash } from './submission';
import { lookUpContract } from './intake';
import { coupleQuotaEstimate, loanQuotaEstimate, ownQuotaEstimate } from './quota-estimate';
import { loanContractOf, signerReader, type ContractReader } from './contract';
import { signLoanContract } from './signing';
import { dueDateOf, repaymentSchedule } from './domain/schedule';
import { newWebhookSecret, webhookUrlProblem } from '../../lib/webhook-signing';
import { MATERIALS, promisedDecisionBy, serviceGuideFor, STATUTORY_DECISION_DAYS } from './service-guide';
import { PROVINCIAL_CENTRE_CODE } from './domain/centre-policy';
import { approvalBlockedBy } from './workflow/decide';
import { applyEvent } from './workflow/apply-event';
import { CHECKS, isCheckStep } from './workflow/checks';
import { acceptedNotices, DISBURSE_STEP, initialSteps, type DisbursementFacts } from './workflow/machine';
import { partyRefOf } from './parties';
import { checksOf, reasonsFor, sentence, timelineOf, viewerOf, type StoredDecision, type StoredReason } from './views';
import type { PartyKey } from '../shared/cases/check-record';
import { requiredSignersOf } from '../shared/cases/case-file';
import type { Context, DecisionOutcome, NoticeKind, Resolvers, ResolversTypes, SignerRole } from './generated/resolvers-types';

/** 住房公积金管理条例 art. 26: the centre decides within 15 days of acceptance (the guide's statutory limit). */
const DECISION_DAYS = STATUTORY_DECISION_DAYS;
const DAY_MS = 24 * 3600 * 1000;

const chinaToday = (now: Date) => new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** The key names another submission of the centre: nothing is stored, and the caller must choose a new key. */
const keyReused = (language: Context['language']) => ({ loanApplication: null, created: false, userErrors: [userError(['idempotencyKey'], 'IDEMPOTENCY_KEY_REUSED', language)] });

/** A schedule of this principal at this rate over the application's term; once disbursed, due from the disbursement date. */
async function scheduleOf(application: LoanApplicationRow, principalFen: number, rate: string, context: Context) {
  const schedule = repaymentSchedule({ principalFen, annualRatePercent: rate.replace(/%$/, ''), termMonths: application.request.termMonths, method: application.request.repaymentMethod });
  const disbursed = (await context.loaders.steps.load(application.id)).find((s) => s.step === DISBURSE_STEP && s.status === 'DONE');
  const startsOn = (disbursed?.outcome as DisbursementFacts | undefined)?.disbursedOn ?? null;
  return { ...schedule, method: schedule.method, rate, totalPayment: schedule.totalPaymentFen, totalInterest: schedule.totalInterestFen, startsOn };
}

function page(first: number | null | undefined, after: string | null | undefined) {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badUserInput('first', 'give 1 to 100');
  if (after && !/^\d+$/.test(after)) throw badUserInput('after', 'use the nextCursor of the previous page');
  return { after: after ? Number(after) : null, limit };
}

export const loanResolvers: Resolvers = {
  Query: {
    noticeWebhooks: async (_, __, context) => (await context.storage.loans.listWebhooks(context.actor.centre!)).map(webhookView),
    loanApplication: (_, args, context) => context.storage.loans.get(args.id),
    loanApplications: async (_, args, context) => {
      const requested = page(args.first, args.after);
      const applications = await context.storage.loans.list(
        {
          centre: context.actor.centre!,
          ...(args.filter?.status ? { status: args.filter.status } : {}),
          ...(args.filter?.checkStatus ? { stepStatus: args.filter.checkStatus } : {}),
          includeTestCases: args.filter?.includeTestCases ?? false,
        },
        requested,
      );
      return { applications, nextCursor: applications.length === requested.limit ? String(applications.at(-1)!.position) : null };
    },
    serviceGuide: (_, args) => {
      const guide = serviceGuideFor(args.centreCode ?? PROVINCIAL_CENTRE_CODE, new Date());
      if (!guide) throw badUserInput('centreCode', 'give the code of a Fujian HPF centre (serviceGuide.centres lists them)');
      return guide;
    },
    loanStatistics: async (_, __, context) => {
      const centre = context.actor.centre!;
      const statistics = await context.storage.loans.statistics(centre);
      // The store counts by its status column, whose values are the LoanStatus of every row it holds.
      const byStatus = Object.entries(statistics.byStatus) as Array<[LoanStatus, number]>;
      return { ...statistics, centreCode: centre, byStatus: byStatus.map(([status, count]) => ({ status, count })) };
    },
    loanQuotaEstimate: (_, { input }) => loanQuotaEstimate(input, chinaToday(new Date())),
    // Every application naming the person as a borrower: where they see its state and give their consent.
    myLoanApplications: (_, __, context) =>
      context.storage.loans.list({ partyKey: context.subjectKeyOf(context.actor.personIdNumber!), includeTestCases: true }, { after: null, limit: 100 }),
  },
  Mutation: {
    submitLoanApplication: async (_, { input }, context) => {
      const now = new Date();
      const checked = checkSubmission(input, context.actor, chinaToday(now), context.language);
      if (!checked.request) return { loanApplication: null, created: false, userErrors: checked.errors };
      // The same submission again hashes the same whether or not housing answered the first time.
      const asked = requestHash(checked.request);
      // Sent again, a submission gets the answer it got the first time, before anything is asked
      // anew: housing may say otherwise now (or not answer), and the application stands.
      const earlier = await context.storage.loans.findSubmission(checked.request.centre, input.idempotencyKey, asked);
      if (earlier) return earlier.kind === 'EXISTING' ? { loanApplication: earlier.application, created: false, userErrors: [] } : keyReused(context.language);
      const onFile = checked.request.contractNumber
        ? await lookUpContract(context.gateway, checked.request.centre, checked.request.contractNumber, context.config.loan.intakeLookupMs)
        : ({ kind: 'NO_ANSWER' } as const);
      if (onFile.kind === 'NOT_FILED') return { loanApplication: null, created: false, userErrors: [userError(['contractNumber'], 'CONTRACT_NOT_FILED', context.language)] };
      if (onFile.kind === 'FILED' && checked.request.unitNumber && checked.request.unitNumber !== onFile.unitNumber) {
        return { loanApplication: null, created: false, userErrors: [userError(['unitNumber'], 'UNIT_NOT_OF_CONTRACT', context.language)] };
      }
      const request = onFile.kind === 'FILED' ? { ...checked.request, unitNumber: onFile.unitNumber } : checked.request;
      const outcome = await context.storage.loans.submit({
        idempotencyKey: input.idempotencyKey,
        submittedBy: `${context.actor.role}:${context.actor.subject}`,
        submittedByRole: context.actor.role,
        centre: request.centre,
        applicantKey: context.subjectKeyOf(request.applicant.idNumber),
        partyKeys: [request.applicant, ...(request.spouse ? [request.spouse] : []), ...request.coBorrowers].map((person) => context.subjectKeyOf(person.idNumber)),
        request,
        requestHash: asked,
        // One open application per applicant and property, whoever files it and at whichever centre.
        openKey: `${context.subjectKeyOf(request.applicant.idNumber)}|${request.contractNumber ? `contract:${request.contractNumber}` : `unit:${request.unitNumber}`}`,
        isTestCase: input.testCase ?? false,
        now,
        decisionDueAt: new Date(now.getTime() + DECISION_DAYS * DAY_MS),
        steps: initialSteps(new Date(now.getTime() + context.config.loan.checkDeadlineMinutes * 60_000)),
        acceptedEvent: { kind: 'ACCEPTED', detail: { decisionDueAt: new Date(now.getTime() + DECISION_DAYS * DAY_MS).toISOString(), submittedByRole: context.actor.role } },
        notices: acceptedNotices(),
      });
      if (outcome.kind === 'OPEN_APPLICATION_EXISTS') {
        // Named to whoever may see it; to anyone else (an officer of another centre) only that one is open.
        const mayNameIt = outcome.application.centre === context.actor.centre || outcome.application.request.applicant.idNumber === context.actor.personIdNumber;
        return {
          loanApplication: null,
          created: false,
          userErrors: [
            mayNameIt
              ? { ...userError([request.contractNumber ? 'contractNumber' : 'unitNumber'], 'OPEN_APPLICATION_EXISTS', context.language, { id: outcome.application.id }), openApplicationId: outcome.application.id }
              : userError([request.contractNumber ? 'contractNumber' : 'unitNumber'], 'OPEN_APPLICATION_ELSEWHERE', context.language),
          ],
        };
      }
      if (outcome.kind === 'KEY_REUSED') return keyReused(context.language);
      return { loanApplication: outcome.application, created: outcome.kind === 'CREATED', userErrors: [] };
    },
    approveLoanApplication: (_, args, context) => officerDecision(args, 'APPROVED', context),
    rejectLoanApplication: (_, args, context) => officerDecision(args, 'REJECTED', context),
    withdrawLoanApplication: async (_, args, context) => {
      if (args.reason.trim().length < 2) throw badUserInput('reason', 'say why the application is withdrawn');
      const { actor } = context;
      const application = await context.storage.loans.get(args.id);
      const mayWithdraw = application && (actor.role === 'FUND_OFFICER' ? application.centre === actor.centre : application.request.applicant.idNumber === actor.personIdNumber);
      if (!application || !mayWithdraw) throw badUserInput('id', 'you can withdraw only your own application (an officer: one of your centre)');
      const event = { kind: 'WITHDRAWN' as const, by: actor.role, reason: args.reason.trim().slice(0, 500) };
      const withdrawn = await applyEvent(context.storage.loans, args.id, event, context.config.loan);
      if (!withdrawn) throw badUserInput('id', 'this application can no longer be withdrawn (it is finished, or its mortgage registration has started)');
      return withdrawn;
    },
    signLoanContract: (_, args, context) => signLoanContract(args.id, args.signature, context, args.monthlyOffsetFromHpfAccount ?? null),
    registerNoticeWebhook: async (_, args, context) => {
      const problem = webhookUrlProblem(args.url, context.config.mode);
      if (problem) throw badUserInput('url', `the URL ${problem}`);
      const webhook = await context.storage.loans
        .registerWebhook({ centre: context.actor.centre!, url: args.url, secret: newWebhookSecret(), registeredBy: `${context.actor.role}:${context.actor.subject}`, now: new Date() })
        .catch((error: unknown) => {
          if (error instanceof StorageError && error.code === 'WEBHOOK_EXISTS') throw badUserInput('url', 'this centre has registered this URL already (its secret is not issued again)');
          if (error instanceof StorageError && error.code === 'WEBHOOK_LIMIT') throw badUserInput('url', `a centre may register at most ${MAX_WEBHOOKS_PER_CENTRE} webhooks`);
          throw error;
        });
      return { id: webhook.id, centreCode: webhook.centre, url: webhook.url, secret: webhook.secret, registeredAt: webhook.registeredAt.toISOString() };
    },
    removeNoticeWebhook: async (_, args, context) => {
      const removed = await context.storage.loans.removeWebhook({ id: args.id, centre: context.actor.centre!, removedBy: `${context.actor.role}:${context.actor.subject}`, now: new Date() });
      if (!removed) throw badUserInput('id', 'your centre has no webhook in use with this id');
      return webhookView(removed);
    },
    reviewLoanApplication: async (_, args, context) => {
      const application = await context.storage.loans.get(args.id);
      if (!application || application.request.applicant.idNumber !== context.actor.personIdNumber) throw badUserInput('id', 'you can review only your own applications');
      if (application.status !== 'READY_FOR_DISBURSEMENT' && application.status !== 'DISBURSED' && application.status !== 'REJECTED') throw badUserInput('id', 'an application is reviewed once it is finished');
      if (!Number.isInteger(args.score) || args.score < 1 || args.score > 5) throw badUserInput('score', 'give 1 (very dissatisfied) to 5 (very satisfied)');
      if (!(await context.storage.loans.addReview(args.id, args.score, (args.comment ?? '').slice(0, 500), new Date()))) throw badUserInput('id', 'this application has been reviewed already');
      return context.storage.loans.get(args.id);
    },
  },
  Applicant: {
    // Resolved here only for the estimates: whom the ref opens to, and what @requires brought.
    __resolveReference: async (representation, context) => ({ ...representation, ...(await resolveApplicantReference(representation, context)) }),
    loanQuotaEstimate: (parent, { input }) => ownQuotaEstimate(parent, input, chinaToday(new Date())),
    coupleLoanQuotaEstimate: (parent, { input }, context) => coupleQuotaEstimate(parent, input, chinaToday(new Date()), context),
  },
  LoanCheck: {
    reasons: (check) => check.reasons.map(sentence),
    findings: (check) => check.reasons,
  },
  LoanDecision: {
    reasons: (decision) => decision.findings.map(sentence),
  },
  LoanFinding: {
    message: (reason) => reason.message.zh,
    englishMessage: (reason) => reason.message.en,
    party: (reason) => (reason.party ? partyRefOf(reason.party) : null),
  },
  ConsentNeeded: {
    party: (need) => partyRefOf(need.party),
  },
  TimelineEntry: {
    detail: (entry) => JSON.stringify(entry.detail),
    agencies: (entry) => agencyValues(stringsIn(entry.detail.agencies).filter((agency) => agency !== 'platform')),
    codes: (entry) => stringsIn(entry.detail.codes),
    parties: (entry) => stringsIn(entry.detail.parties).flatMap((party) => (party === 'PROPERTY' ? [] : [partyRefOf(party as PartyKey)])),
    dataItems: (entry) => stringsIn(entry.detail.dataItems),
    attempt: (entry) => (typeof entry.detail.attempt === 'number' ? entry.detail.attempt : null),
    nextAttemptAt: (entry) => (typeof entry.detail.nextAttemptAt === 'string' ? entry.detail.nextAttemptAt : null),
    evidence: (entry) => (Array.isArray(entry.detail.evidence) ? entry.detail.evidence : []),
    // The workflow writes a decision's outcome (APPROVED, REFERRED, REJECTED) into its event's detail.
    outcome: (entry) => (typeof entry.detail.outcome === 'string' ? (entry.detail.outcome as DecisionOutcome) : null),
    findings: (entry) => (Array.isArray(entry.detail.reasons) ? (entry.detail.reasons as StoredReason[]) : []),
    officerReason: (entry) => (typeof entry.detail.reason === 'string' ? entry.detail.reason : null),
    // The dispatcher writes which notice went by which channel (notices/dispatcher.ts).
    notice: (entry) => (typeof entry.detail.notice === 'string' ? (entry.detail.notice as NoticeKind) : null),
    channel: (entry) => (entry.detail.channel === 'SMS' || entry.detail.channel === 'WEBHOOK' ? entry.detail.channel : null),
  },
  RepaymentSchedule: {
    instalments: (schedule, args) =>
      schedule.instalments.slice(0, args.first ?? undefined).map((instalment) => ({
        period: instalment.period,
        payment: instalment.paymentFen,
        principal: instalment.principalFen,
        interest: instalment.interestFen,
        remaining: instalment.remainingFen,
        dueDate: schedule.startsOn ? dueDateOf(schedule.startsOn, instalment.period) : null,
      })),
  },
  LoanApplication: {
    __resolveReference: (representation, context) => context.storage.loans.get(representation.id),
    centreCode: (application) => application.centre,
    applicant: (application, _, context) => ({ ref: applicantRef(context.refs, application.request.applicant.idNumber).ref }),
    spouse: (application, _, context) =>
      application.request.spouse ? { ref: applicantRef(context.refs, application.request.spouse.idNumber).ref } : null,
    coBorrowers: (application, _, context) =>
      application.request.coBorrowers.map((person) => ({ ref: applicantRef(context.refs, person.idNumber).ref })),
    coBorrower: (application, args, context) => {
      const person = Number.isInteger(args.ordinal) && args.ordinal >= 1 ? application.request.coBorrowers[args.ordinal - 1] : undefined;
      return person ? { ref: applicantRef(context.refs, person.idNumber).ref } : null;
    },
    property: async (application, _, context) => {
      const unit = application.request.unitNumber ?? (await unitNumberFound(application, context));
      return unit ? { ref: propertyRef(context.refs, unit).ref } : null;
    },
    amount: (application) => application.request.amountFen,
    termMonths: (application) => application.request.termMonths,
    repaymentMethod: (application) => application.request.repaymentMethod,
    acceptedAt: (application) => application.acceptedAt.toISOString(),
    decisionDueAt: (application) => application.decisionDueAt.toISOString(),
    daysLeftToDecide: (application) =>
      application.decidedAt || application.status === 'REJECTED' ? null : Math.ceil((application.decisionDueAt.getTime() - Date.now()) / DAY_MS),
    // Beside the 15 days: the centre's promise in force at acceptance, derived rather than stored.
    promisedDecisionBy: (application) => promisedDecisionBy(application.centre, application.acceptedAt)?.toISOString() ?? null,
    daysLeftToPromisedDecision: (application) => {
      const due = promisedDecisionBy(application.centre, application.acceptedAt);
      return !due || application.decidedAt || application.status === 'REJECTED' ? null : Math.ceil((due.getTime() - Date.now()) / DAY_MS);
    },
    decidedAt: (application) => application.decidedAt?.toISOString() ?? null,
    checks: async (application, _, context) =>
      checksOf(application, await context.loaders.steps.load(application.id), viewerOf(context.actor, application)),
    decision: (application, _, context) => {
      const decision = application.decision as StoredDecision | null;
      if (!decision && !application.officerDecision) return null;
      return {
        outcome: application.officerDecision?.outcome ?? decision!.outcome,
        findings: decision ? reasonsFor(viewerOf(context.actor, application), decision.reasons) : [],
        homeOrder: decision?.homeOrder ?? null,
        rate: decision?.rate ?? null,
        maximumAmount: decision?.maximumAmountFen ?? null,
        bindingLimit: decision?.bindingLimit ?? null,
        officer: application.officerDecision?.officer ?? null,
        officerReason: application.officerDecision?.reason ?? null,
        maximumAmountWithTalent: decision?.maximumWithTalentFen ?? null,
        talentCertificateConfirmed: application.officerDecision?.talentCertificateConfirmed === true,
        combination: decision?.combination
          ? { hpfPart: decision.combination.hpfPartFen, commercialPart: decision.combination.commercialPartFen, commercialRate: decision.combination.commercialRate, bank: decision.combination.bank }
          : null,
      };
    },
    contract: async (application, _, context) => {
      const steps = await context.loaders.steps.load(application.id);
      const contract = loanContractOf(application, steps, await contractReaderFor(application, requiredSignersOf(application, steps), context));
      if (!contract) return null;
      const signatures = await context.storage.loans.signatures(application.id);
      const borrowers = new Set([application.request.applicant, application.request.spouse, ...application.request.coBorrowers].flatMap((p) => (p ? [p.idNumber] : [])));
      const signers = contract.signerIdNumbers.map((idNumber) => {
        const signed = signatures.find((signature) => signature.signerKey === context.subjectKeyOf(idNumber));
        const role: SignerRole = borrowers.has(idNumber) ? 'BORROWER' : 'CO_OWNER';
        return {
          applicant: { ref: applicantRef(context.refs, idNumber).ref },
          role,
          signedAt: signed?.signedAt.toISOString() ?? null,
          keyThumbprint: signed?.keyThumbprint ?? null,
        };
      });
      return { text: contract.text, sha256: contract.sha256, signers, complete: signers.every((signer) => signer.signedAt !== null) };
    },
    mortgage: async (application, _, context) => {
      const step = (await context.loaders.steps.load(application.id)).find((s) => s.step === 'REGISTER_MORTGAGE' && s.status === 'DONE');
      return (step?.outcome as { certificateNumber: string; eCertificateSha256: string; registeredAt: string } | undefined) ?? null;
    },
    disbursement: async (application, _, context) => {
      const step = (await context.loaders.steps.load(application.id)).find((s) => s.step === DISBURSE_STEP && s.status === 'DONE');
      const facts = step?.outcome as DisbursementFacts | undefined;
      return facts?.loanAccountNumber && facts.disbursedOn ? { loanAccountNumber: facts.loanAccountNumber, disbursedOn: facts.disbursedOn, instructionId: facts.instructionId } : null;
    },
    repaymentSchedule: async (application, _, context) => {
      const decision = application.decision as StoredDecision | null;
      if (!decision?.rate) return null;
      // A combination's HPF part is what its schedule repays; an HPF loan's, the amount asked.
      if (application.request.combination && !decision.combination) return null;
      return scheduleOf(application, decision.combination?.hpfPartFen ?? application.request.amountFen, decision.rate, context);
    },
    combinationLoan: (application) => application.request.combination ?? false,
    commercialRepaymentSchedule: async (application, _, context) => {
      const parts = (application.decision as StoredDecision | null)?.combination;
      return parts && parts.commercialPartFen > 0 ? scheduleOf(application, parts.commercialPartFen, parts.commercialRate, context) : null;
    },
    monthlyOffsetFromHpfAccount: async (application, _, context) => {
      const applicant = maskIdNumberForRecord(application.request.applicant.idNumber);
      const signed = (await context.loaders.events.load(application.id)).find((event) => event.kind === 'SIGNED' && event.detail.signer === applicant);
      return typeof signed?.detail.monthlyOffset === 'boolean' ? signed.detail.monthlyOffset : null;
    },
    materialsCollected: async (application, _, context) => {
      const steps = await context.loaders.steps.load(application.id);
      const replaced = new Set(steps.flatMap((step) => (isCheckStep(step.step) && step.status === 'DONE' ? [CHECKS[step.step].agency] : [])));
      return MATERIALS.filter((material) => material.required && (material.replacedBy === null || !replaced.has(material.replacedBy))).length;
    },
    minutesTaken: (application) => Math.round(((application.decidedAt ?? new Date()).getTime() - application.acceptedAt.getTime()) / 60_000),
    timeline: async (application, _, context) =>
      timelineOf(await context.loaders.events.load(application.id), viewerOf(context.actor, application)),
  },
};

/**
 * Whose identifiers this reader sees clear in the contract: a party their own; the centre each
 * party's who gave it their identity consent for this very application; nobody anyone else's.
 */
async function contractReaderFor(application: LoanApplicationRow, signers: readonly string[], context: Context): Promise<ContractReader> {
  const { actor } = context;
  if (actor.role !== 'FUND_OFFICER' && actor.role !== 'SERVICE') return signerReader(actor.personIdNumber ?? '', context.idNumberMask);
  const at = new Date();
  const consented = new Set<string>();
  for (const idNumber of signers) {
    const consent = await context.storage.consents.findActive({
      subjectKey: context.subjectKeyOf(idNumber),
      kind: 'DATA_SHARING',
      purpose: 'HPF_LOAN_REVIEW',
      agency: 'public-security',
      dataItem: 'identity',
      centre: application.centre,
      at,
      applicationId: application.id,
    });
    if (consent) consented.add(idNumber);
  }
  return { sees: (idNumber) => consented.has(idNumber), idNumberMask: context.idNumberMask };
}

async function unitNumberFound(application: LoanApplicationRow, context: Context): Promise<string | null> {
  const contract = (await context.loaders.steps.load(application.id)).find((step) => step.step === 'GATHER_CONTRACT');
  const property = (contract?.outcome as { property?: { status: string; value?: { unitNumber?: string } } } | null)?.property;
  return property?.status === 'FOUND' ? (property.value?.unitNumber ?? null) : null;
}

/**
 * The agencies' wire names, which lib/agency-enum.ts maps to the Agency enum at run time. The
 * generated types give that enum's resolver value as `null` (typescript-resolvers prints the inline
 * enumValues of scripts/codegen.ts so), so the one field that returns agencies says it here.
 */
const agencyValues = (agencies: string[]) => agencies as unknown as Array<ResolversTypes['Agency']>;

const stringsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** An officer decides a referred application of their centre, never past the hard limits (workflow/decide.ts). */
async function officerDecision(args: { id: string; reason: string; talentCertificateConfirmed?: boolean | null }, outcome: 'APPROVED' | 'REJECTED', context: Context) {
  if (args.reason.trim().length < 4) throw badUserInput('reason', 'give the reason for the decision');
  const talentCertificateConfirmed = outcome === 'APPROVED' && args.talentCertificateConfirmed === true;
  if (outcome === 'APPROVED') {
    const application = await context.storage.loans.get(args.id);
    const broken = application && application.centre === context.actor.centre ? approvalBlockedBy(application, { talentCertificateConfirmed }) : null;
    if (broken) throw badUserInput(talentCertificateConfirmed && broken.includes('talent') ? 'talentCertificateConfirmed' : 'id', `this application cannot be approved: ${broken}`);
  }
  const event = { kind: 'OFFICER_DECIDED' as const, centre: context.actor.centre!, outcome, reason: args.reason.trim(), officer: context.actor.subject, talentCertificateConfirmed };
  const decided = await applyEvent(context.storage.loans, args.id, event, context.config.loan);
  if (!decided) throw badUserInput('id', 'no referred application of your centre has this id');
  return decided;
}

/** A webhook as its centre's officers see it: where, who and when, never the secret. */
function webhookView(webhook: NoticeWebhookListing) {
  return { id: webhook.id, centreCode: webhook.centre, url: webhook.url, registeredBy: webhook.registeredBy, registeredAt: webhook.registeredAt.toISOString(), removedAt: webhook.removedAt?.toISOString() ?? null };
}
