/**
 * Every operation the app sends, as graphql() calls: `npm run codegen:web` types them
 * (src/generated/) and registers each for the client hpf-web (schema/trusted-documents/hpf-web.json).
 * Change one here, run it, and commit the three together.
 */
import { graphql } from './generated';

/** The signed-in person and the applications that name them (as applicant, spouse or co-borrower). */
export const HomePage = graphql(`
  query HomePage {
    me { name idNumber }
    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }
  }
`);

/**
 * 帮代办: the applicant a service-hall agent acts for, as the policy shows them to a proxy (the
 * mobile number masked), and their applications; nothing at all unless the platform found the
 * agent's stored authorization in force.
 */
export const HallPage = graphql(`
  query HallPage {
    me { name idNumber mobile }
    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }
  }
`);

/** 帮代办委托: the applicant authorizes a named hall agent; the id is the number they give the agent. */
export const GrantProxy = graphql(`
  mutation GrantProxy($input: GrantProxyAuthorizationInput!) {
    grantProxyAuthorization(input: $input) { id agent scopes validUntil }
  }
`);

/** 当面核验: the agent checked the applicant's ID card at the hall; the sealed proof stands in for the face at signing. */
export const AttestInPerson = graphql(`
  mutation AttestInPerson($checkReference: String!) {
    attestInPersonIdentity(checkReference: $checkReference)
  }
`);

/**
 * 数据回填: what the agencies already hold for the form, each part with its source and date. The
 * spouse is not read: who they are is the applicant's to name, and their data theirs to share.
 */
export const FormPrefill = graphql(`
  query FormPrefill($idNumber: IdNumber!, $contractNumber: ContractNumber!) {
    applicant(idNumber: $idNumber) {
      name
      birthDate
      identityVerification { householdStatus minorChildren source { agency retrievedAt } }
      marriage { status registrationDate source { agency retrievedAt } }
      providentFundAccount { centreCode centreName balance monthlyDeposit continuousDepositMonths source { agency retrievedAt } }
    }
    propertyByContract(contractNumber: $contractNumber) {
      unitNumber
      contractFiling { contractNumber price areaSquareMetres address district greenBuildingStars source { agency retrievedAt } }
    }
  }
`);

/** The ten centres and each one's promised time limit (办事指南). */
export const Centres = graphql(`
  query Centres {
    serviceGuide { statutoryLimit { days } centres { code name promisedLimit { days dayKind } } }
  }
`);

/** 额度试算 from the person's own records: only the home and the household's figures by hand. */
export const OwnQuotaEstimate = graphql(`
  query OwnQuotaEstimate($idNumber: IdNumber!, $input: OwnQuotaEstimateInput!) {
    applicant(idNumber: $idNumber) {
      loanQuotaEstimate(input: $input) {
        maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed
        bounds { name amount explanation }
      }
    }
  }
`);

/**
 * 夫妻合并试算: both spouses from shared data, as the decision will count them. The spouse is the one
 * the asker's own marriage record names, and her figures are read only under her quota estimate
 * consent to this centre; without it the answer says NOT_CONSENTED (or NO_SPOUSE_ON_RECORD) and no estimate.
 */
export const CoupleEstimate = graphql(`
  query CoupleEstimate($idNumber: IdNumber!, $input: CoupleQuotaEstimateInput!) {
    applicant(idNumber: $idNumber) {
      coupleLoanQuotaEstimate(input: $input) {
        spouse
        estimate {
          maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed
          bounds { name amount explanation }
        }
      }
    }
  }
`);

/** 一次申请: one submission. */
export const SubmitApplication = graphql(`
  mutation SubmitApplication($input: SubmitLoanApplicationInput!) {
    submitLoanApplication(input: $input) {
      created
      loanApplication { id status }
      userErrors { field message code openApplicationId }
    }
  }
`);

/**
 * 一网查看: the application in one place — status, every check, deadlines, decision, signing,
 * mortgage, disbursement, timeline. Each borrower reads their own identifiers (that is how the
 * page knows which party is reading); the others' are withheld (FORBIDDEN), as the policy says.
 */
export const ApplicationPage = graphql(`
  query ApplicationPage($id: ID!) {
    loanApplication(id: $id) {
      id status centreCode amount termMonths repaymentMethod
      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt
      applicant { idNumber }
      spouse { idNumber }
      coBorrowers { idNumber }
      checks {
        step agency status attempts outcome nextAttemptAt updatedAt
        findings { code message englishMessage party { role ordinal } }
        needsConsent { party { role ordinal } dataItem agency }
      }
      decision { outcome homeOrder rate maximumAmount bindingLimit officerReason findings { code message englishMessage } }
      contract { sha256 complete signers { role signedAt applicant { idNumber } } }
      mortgage { certificateNumber registeredAt }
      disbursement { loanAccountNumber disbursedOn }
      repaymentSchedule { method rate totalPayment startsOn instalments(first: 1) { payment dueDate } }
      timeline { at step kind parties { role ordinal } officerReason }
    }
  }
`);

/** The consents the signed-in person gave, to tell what is still theirs to give. */
export const MyConsents = graphql(`
  query MyConsents {
    myConsents { id kind status applicationId }
  }
`);

/** A person's own consent: data sharing or the credit query for an application, or face verification. */
export const GiveConsent = graphql(`
  mutation GiveConsent($input: GrantConsentInput!) {
    grantConsent(input: $input) { id kind status applicationId }
  }
`);

/** 额度试算授权: the person's consents, to show those for a spouse's quota estimate, the centre and until when. */
export const EstimateConsents = graphql(`
  query EstimateConsents {
    myConsents { id kind purpose status grantedToCentre validUntil }
  }
`);

/** Withdraws one of the person's consents: from now on nothing is read under it. */
export const WithdrawConsent = graphql(`
  mutation WithdrawConsent($id: ID!) {
    revokeConsent(id: $id) { id status }
  }
`);

/** The contract text as this signer is shown it, and the hash they sign. */
export const ContractToSign = graphql(`
  query ContractToSign($id: ID!) {
    loanApplication(id: $id) { id contract { text sha256 } }
  }
`);

/** 刷脸: the capture's digest compared with the population register's photo. */
export const VerifyMyFace = graphql(`
  mutation VerifyMyFace($livePhotoSha256: String!, $centreCode: String!) {
    verifyFace(livePhotoSha256: $livePhotoSha256, centreCode: $centreCode) { matched reference }
  }
`);

/** 签约: an ES256 signature over the application and the hash of the text shown. */
export const SignContract = graphql(`
  mutation SignContract($id: ID!, $signature: ContractSignatureInput!) {
    signLoanContract(id: $id, signature: $signature) { id status }
  }
`);

/** 好差评: the applicant's one review of a finished application, 1 to 5, with optional words. */
export const ReviewApplication = graphql(`
  mutation ReviewApplication($id: ID!, $score: Int!, $comment: String) {
    reviewLoanApplication(id: $id, score: $score, comment: $comment) { id status }
  }
`);

/**
 * 工作台: a page of the officer's centre's applications, newest first, narrowed by status or by a
 * check's state (GAVE_UP: the checks an officer must finish by hand), with both deadlines.
 */
export const Workbench = graphql(`
  query Workbench($filter: LoanApplicationFilter, $first: Int, $after: String) {
    loanApplications(filter: $filter, first: $first, after: $after) {
      applications {
        id status amount termMonths acceptedAt decidedAt daysLeftToDecide daysLeftToPromisedDecision
        checks { step status outcome }
      }
      nextCursor
    }
  }
`);

/** One application as its centre's officer reviews it: every check and its findings, the decision's reasons, the timeline. */
export const OfficerApplication = graphql(`
  query OfficerApplication($id: ID!) {
    loanApplication(id: $id) {
      id status centreCode amount termMonths repaymentMethod
      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt
      checks {
        step agency status attempts outcome nextAttemptAt
        findings { code message englishMessage party { role ordinal } }
      }
      decision { outcome homeOrder rate maximumAmount maximumAmountWithTalent talentCertificateConfirmed bindingLimit officer officerReason findings { code message englishMessage } }
      timeline { at step kind parties { role ordinal } officerReason }
    }
  }
`);

/** 人工审核: the officer approves a referred application, with the reason kept beside the decision. */
export const ApproveApplication = graphql(`
  mutation ApproveApplication($id: ID!, $reason: String!, $talentCertificateConfirmed: Boolean) {
    approveLoanApplication(id: $id, reason: $reason, talentCertificateConfirmed: $talentCertificateConfirmed) { id status decidedAt decision { outcome officerReason talentCertificateConfirmed } }
  }
`);

/** 人工审核: the officer rejects a referred application; the reason is shown to the applicant. */
export const RejectApplication = graphql(`
  mutation RejectApplication($id: ID!, $reason: String!) {
    rejectLoanApplication(id: $id, reason: $reason) { id status decidedAt decision { outcome officerReason } }
  }
`);
