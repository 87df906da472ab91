/* eslint-disable */
import * as types from './graphql';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query HomePage {\n    me { name idNumber }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n": typeof types.HomePageDocument,
    "\n  query HallPage {\n    me { name idNumber mobile }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n": typeof types.HallPageDocument,
    "\n  mutation GrantProxy($input: GrantProxyAuthorizationInput!) {\n    grantProxyAuthorization(input: $input) { id agent scopes validUntil }\n  }\n": typeof types.GrantProxyDocument,
    "\n  mutation AttestInPerson($checkReference: String!) {\n    attestInPersonIdentity(checkReference: $checkReference)\n  }\n": typeof types.AttestInPersonDocument,
    "\n  query FormPrefill($idNumber: IdNumber!, $contractNumber: ContractNumber!) {\n    applicant(idNumber: $idNumber) {\n      name\n      birthDate\n      identityVerification { householdStatus minorChildren source { agency retrievedAt } }\n      marriage { status registrationDate source { agency retrievedAt } }\n      providentFundAccount { centreCode centreName balance monthlyDeposit continuousDepositMonths source { agency retrievedAt } }\n    }\n    propertyByContract(contractNumber: $contractNumber) {\n      unitNumber\n      contractFiling { contractNumber price areaSquareMetres address district greenBuildingStars source { agency retrievedAt } }\n    }\n  }\n": typeof types.FormPrefillDocument,
    "\n  query Centres {\n    serviceGuide { statutoryLimit { days } centres { code name promisedLimit { days dayKind } } }\n  }\n": typeof types.CentresDocument,
    "\n  query OwnQuotaEstimate($idNumber: IdNumber!, $input: OwnQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      loanQuotaEstimate(input: $input) {\n        maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n        bounds { name amount explanation }\n      }\n    }\n  }\n": typeof types.OwnQuotaEstimateDocument,
    "\n  query CoupleEstimate($idNumber: IdNumber!, $input: CoupleQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      coupleLoanQuotaEstimate(input: $input) {\n        spouse\n        estimate {\n          maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n          bounds { name amount explanation }\n        }\n      }\n    }\n  }\n": typeof types.CoupleEstimateDocument,
    "\n  mutation SubmitApplication($input: SubmitLoanApplicationInput!) {\n    submitLoanApplication(input: $input) {\n      created\n      loanApplication { id status }\n      userErrors { field message code openApplicationId }\n    }\n  }\n": typeof types.SubmitApplicationDocument,
    "\n  query ApplicationPage($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      applicant { idNumber }\n      spouse { idNumber }\n      coBorrowers { idNumber }\n      checks {\n        step agency status attempts outcome nextAttemptAt updatedAt\n        findings { code message englishMessage party { role ordinal } }\n        needsConsent { party { role ordinal } dataItem agency }\n      }\n      decision { outcome homeOrder rate maximumAmount bindingLimit officerReason findings { code message englishMessage } }\n      contract { sha256 complete signers { role signedAt applicant { idNumber } } }\n      mortgage { certificateNumber registeredAt }\n      disbursement { loanAccountNumber disbursedOn }\n      repaymentSchedule { method rate totalPayment startsOn instalments(first: 1) { payment dueDate } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n": typeof types.ApplicationPageDocument,
    "\n  query MyConsents {\n    myConsents { id kind status applicationId }\n  }\n": typeof types.MyConsentsDocument,
    "\n  mutation GiveConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) { id kind status applicationId }\n  }\n": typeof types.GiveConsentDocument,
    "\n  query EstimateConsents {\n    myConsents { id kind purpose status grantedToCentre validUntil }\n  }\n": typeof types.EstimateConsentsDocument,
    "\n  mutation WithdrawConsent($id: ID!) {\n    revokeConsent(id: $id) { id status }\n  }\n": typeof types.WithdrawConsentDocument,
    "\n  query ContractToSign($id: ID!) {\n    loanApplication(id: $id) { id contract { text sha256 } }\n  }\n": typeof types.ContractToSignDocument,
    "\n  mutation VerifyMyFace($livePhotoSha256: String!, $centreCode: String!) {\n    verifyFace(livePhotoSha256: $livePhotoSha256, centreCode: $centreCode) { matched reference }\n  }\n": typeof types.VerifyMyFaceDocument,
    "\n  mutation SignContract($id: ID!, $signature: ContractSignatureInput!) {\n    signLoanContract(id: $id, signature: $signature) { id status }\n  }\n": typeof types.SignContractDocument,
    "\n  mutation ReviewApplication($id: ID!, $score: Int!, $comment: String) {\n    reviewLoanApplication(id: $id, score: $score, comment: $comment) { id status }\n  }\n": typeof types.ReviewApplicationDocument,
    "\n  query Workbench($filter: LoanApplicationFilter, $first: Int, $after: String) {\n    loanApplications(filter: $filter, first: $first, after: $after) {\n      applications {\n        id status amount termMonths acceptedAt decidedAt daysLeftToDecide daysLeftToPromisedDecision\n        checks { step status outcome }\n      }\n      nextCursor\n    }\n  }\n": typeof types.WorkbenchDocument,
    "\n  query OfficerApplication($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      checks {\n        step agency status attempts outcome nextAttemptAt\n        findings { code message englishMessage party { role ordinal } }\n      }\n      decision { outcome homeOrder rate maximumAmount maximumAmountWithTalent talentCertificateConfirmed bindingLimit officer officerReason findings { code message englishMessage } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n": typeof types.OfficerApplicationDocument,
    "\n  mutation ApproveApplication($id: ID!, $reason: String!, $talentCertificateConfirmed: Boolean) {\n    approveLoanApplication(id: $id, reason: $reason, talentCertificateConfirmed: $talentCertificateConfirmed) { id status decidedAt decision { outcome officerReason talentCertificateConfirmed } }\n  }\n": typeof types.ApproveApplicationDocument,
    "\n  mutation RejectApplication($id: ID!, $reason: String!) {\n    rejectLoanApplication(id: $id, reason: $reason) { id status decidedAt decision { outcome officerReason } }\n  }\n": typeof types.RejectApplicationDocument,
};
const documents: Documents = {
    "\n  query HomePage {\n    me { name idNumber }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n": types.HomePageDocument,
    "\n  query HallPage {\n    me { name idNumber mobile }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n": types.HallPageDocument,
    "\n  mutation GrantProxy($input: GrantProxyAuthorizationInput!) {\n    grantProxyAuthorization(input: $input) { id agent scopes validUntil }\n  }\n": types.GrantProxyDocument,
    "\n  mutation AttestInPerson($checkReference: String!) {\n    attestInPersonIdentity(checkReference: $checkReference)\n  }\n": types.AttestInPersonDocument,
    "\n  query FormPrefill($idNumber: IdNumber!, $contractNumber: ContractNumber!) {\n    applicant(idNumber: $idNumber) {\n      name\n      birthDate\n      identityVerification { householdStatus minorChildren source { agency retrievedAt } }\n      marriage { status registrationDate source { agency retrievedAt } }\n      providentFundAccount { centreCode centreName balance monthlyDeposit continuousDepositMonths source { agency retrievedAt } }\n    }\n    propertyByContract(contractNumber: $contractNumber) {\n      unitNumber\n      contractFiling { contractNumber price areaSquareMetres address district greenBuildingStars source { agency retrievedAt } }\n    }\n  }\n": types.FormPrefillDocument,
    "\n  query Centres {\n    serviceGuide { statutoryLimit { days } centres { code name promisedLimit { days dayKind } } }\n  }\n": types.CentresDocument,
    "\n  query OwnQuotaEstimate($idNumber: IdNumber!, $input: OwnQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      loanQuotaEstimate(input: $input) {\n        maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n        bounds { name amount explanation }\n      }\n    }\n  }\n": types.OwnQuotaEstimateDocument,
    "\n  query CoupleEstimate($idNumber: IdNumber!, $input: CoupleQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      coupleLoanQuotaEstimate(input: $input) {\n        spouse\n        estimate {\n          maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n          bounds { name amount explanation }\n        }\n      }\n    }\n  }\n": types.CoupleEstimateDocument,
    "\n  mutation SubmitApplication($input: SubmitLoanApplicationInput!) {\n    submitLoanApplication(input: $input) {\n      created\n      loanApplication { id status }\n      userErrors { field message code openApplicationId }\n    }\n  }\n": types.SubmitApplicationDocument,
    "\n  query ApplicationPage($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      applicant { idNumber }\n      spouse { idNumber }\n      coBorrowers { idNumber }\n      checks {\n        step agency status attempts outcome nextAttemptAt updatedAt\n        findings { code message englishMessage party { role ordinal } }\n        needsConsent { party { role ordinal } dataItem agency }\n      }\n      decision { outcome homeOrder rate maximumAmount bindingLimit officerReason findings { code message englishMessage } }\n      contract { sha256 complete signers { role signedAt applicant { idNumber } } }\n      mortgage { certificateNumber registeredAt }\n      disbursement { loanAccountNumber disbursedOn }\n      repaymentSchedule { method rate totalPayment startsOn instalments(first: 1) { payment dueDate } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n": types.ApplicationPageDocument,
    "\n  query MyConsents {\n    myConsents { id kind status applicationId }\n  }\n": types.MyConsentsDocument,
    "\n  mutation GiveConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) { id kind status applicationId }\n  }\n": types.GiveConsentDocument,
    "\n  query EstimateConsents {\n    myConsents { id kind purpose status grantedToCentre validUntil }\n  }\n": types.EstimateConsentsDocument,
    "\n  mutation WithdrawConsent($id: ID!) {\n    revokeConsent(id: $id) { id status }\n  }\n": types.WithdrawConsentDocument,
    "\n  query ContractToSign($id: ID!) {\n    loanApplication(id: $id) { id contract { text sha256 } }\n  }\n": types.ContractToSignDocument,
    "\n  mutation VerifyMyFace($livePhotoSha256: String!, $centreCode: String!) {\n    verifyFace(livePhotoSha256: $livePhotoSha256, centreCode: $centreCode) { matched reference }\n  }\n": types.VerifyMyFaceDocument,
    "\n  mutation SignContract($id: ID!, $signature: ContractSignatureInput!) {\n    signLoanContract(id: $id, signature: $signature) { id status }\n  }\n": types.SignContractDocument,
    "\n  mutation ReviewApplication($id: ID!, $score: Int!, $comment: String) {\n    reviewLoanApplication(id: $id, score: $score, comment: $comment) { id status }\n  }\n": types.ReviewApplicationDocument,
    "\n  query Workbench($filter: LoanApplicationFilter, $first: Int, $after: String) {\n    loanApplications(filter: $filter, first: $first, after: $after) {\n      applications {\n        id status amount termMonths acceptedAt decidedAt daysLeftToDecide daysLeftToPromisedDecision\n        checks { step status outcome }\n      }\n      nextCursor\n    }\n  }\n": types.WorkbenchDocument,
    "\n  query OfficerApplication($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      checks {\n        step agency status attempts outcome nextAttemptAt\n        findings { code message englishMessage party { role ordinal } }\n      }\n      decision { outcome homeOrder rate maximumAmount maximumAmountWithTalent talentCertificateConfirmed bindingLimit officer officerReason findings { code message englishMessage } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n": types.OfficerApplicationDocument,
    "\n  mutation ApproveApplication($id: ID!, $reason: String!, $talentCertificateConfirmed: Boolean) {\n    approveLoanApplication(id: $id, reason: $reason, talentCertificateConfirmed: $talentCertificateConfirmed) { id status decidedAt decision { outcome officerReason talentCertificateConfirmed } }\n  }\n": types.ApproveApplicationDocument,
    "\n  mutation RejectApplication($id: ID!, $reason: String!) {\n    rejectLoanApplication(id: $id, reason: $reason) { id status decidedAt decision { outcome officerReason } }\n  }\n": types.RejectApplicationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomePage {\n    me { name idNumber }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n"): (typeof documents)["\n  query HomePage {\n    me { name idNumber }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HallPage {\n    me { name idNumber mobile }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n"): (typeof documents)["\n  query HallPage {\n    me { name idNumber mobile }\n    myLoanApplications { id status centreCode amount termMonths acceptedAt applicant { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantProxy($input: GrantProxyAuthorizationInput!) {\n    grantProxyAuthorization(input: $input) { id agent scopes validUntil }\n  }\n"): (typeof documents)["\n  mutation GrantProxy($input: GrantProxyAuthorizationInput!) {\n    grantProxyAuthorization(input: $input) { id agent scopes validUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AttestInPerson($checkReference: String!) {\n    attestInPersonIdentity(checkReference: $checkReference)\n  }\n"): (typeof documents)["\n  mutation AttestInPerson($checkReference: String!) {\n    attestInPersonIdentity(checkReference: $checkReference)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FormPrefill($idNumber: IdNumber!, $contractNumber: ContractNumber!) {\n    applicant(idNumber: $idNumber) {\n      name\n      birthDate\n      identityVerification { householdStatus minorChildren source { agency retrievedAt } }\n      marriage { status registrationDate source { agency retrievedAt } }\n      providentFundAccount { centreCode centreName balance monthlyDeposit continuousDepositMonths source { agency retrievedAt } }\n    }\n    propertyByContract(contractNumber: $contractNumber) {\n      unitNumber\n      contractFiling { contractNumber price areaSquareMetres address district greenBuildingStars source { agency retrievedAt } }\n    }\n  }\n"): (typeof documents)["\n  query FormPrefill($idNumber: IdNumber!, $contractNumber: ContractNumber!) {\n    applicant(idNumber: $idNumber) {\n      name\n      birthDate\n      identityVerification { householdStatus minorChildren source { agency retrievedAt } }\n      marriage { status registrationDate source { agency retrievedAt } }\n      providentFundAccount { centreCode centreName balance monthlyDeposit continuousDepositMonths source { agency retrievedAt } }\n    }\n    propertyByContract(contractNumber: $contractNumber) {\n      unitNumber\n      contractFiling { contractNumber price areaSquareMetres address district greenBuildingStars source { agency retrievedAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Centres {\n    serviceGuide { statutoryLimit { days } centres { code name promisedLimit { days dayKind } } }\n  }\n"): (typeof documents)["\n  query Centres {\n    serviceGuide { statutoryLimit { days } centres { code name promisedLimit { days dayKind } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnQuotaEstimate($idNumber: IdNumber!, $input: OwnQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      loanQuotaEstimate(input: $input) {\n        maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n        bounds { name amount explanation }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OwnQuotaEstimate($idNumber: IdNumber!, $input: OwnQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      loanQuotaEstimate(input: $input) {\n        maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n        bounds { name amount explanation }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CoupleEstimate($idNumber: IdNumber!, $input: CoupleQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      coupleLoanQuotaEstimate(input: $input) {\n        spouse\n        estimate {\n          maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n          bounds { name amount explanation }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CoupleEstimate($idNumber: IdNumber!, $input: CoupleQuotaEstimateInput!) {\n    applicant(idNumber: $idNumber) {\n      coupleLoanQuotaEstimate(input: $input) {\n        spouse\n        estimate {\n          maximumAmount binding rate homeOrder firstMonthlyPayment totalInterest amount policyConfirmed\n          bounds { name amount explanation }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitApplication($input: SubmitLoanApplicationInput!) {\n    submitLoanApplication(input: $input) {\n      created\n      loanApplication { id status }\n      userErrors { field message code openApplicationId }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitApplication($input: SubmitLoanApplicationInput!) {\n    submitLoanApplication(input: $input) {\n      created\n      loanApplication { id status }\n      userErrors { field message code openApplicationId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationPage($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      applicant { idNumber }\n      spouse { idNumber }\n      coBorrowers { idNumber }\n      checks {\n        step agency status attempts outcome nextAttemptAt updatedAt\n        findings { code message englishMessage party { role ordinal } }\n        needsConsent { party { role ordinal } dataItem agency }\n      }\n      decision { outcome homeOrder rate maximumAmount bindingLimit officerReason findings { code message englishMessage } }\n      contract { sha256 complete signers { role signedAt applicant { idNumber } } }\n      mortgage { certificateNumber registeredAt }\n      disbursement { loanAccountNumber disbursedOn }\n      repaymentSchedule { method rate totalPayment startsOn instalments(first: 1) { payment dueDate } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n"): (typeof documents)["\n  query ApplicationPage($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      applicant { idNumber }\n      spouse { idNumber }\n      coBorrowers { idNumber }\n      checks {\n        step agency status attempts outcome nextAttemptAt updatedAt\n        findings { code message englishMessage party { role ordinal } }\n        needsConsent { party { role ordinal } dataItem agency }\n      }\n      decision { outcome homeOrder rate maximumAmount bindingLimit officerReason findings { code message englishMessage } }\n      contract { sha256 complete signers { role signedAt applicant { idNumber } } }\n      mortgage { certificateNumber registeredAt }\n      disbursement { loanAccountNumber disbursedOn }\n      repaymentSchedule { method rate totalPayment startsOn instalments(first: 1) { payment dueDate } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyConsents {\n    myConsents { id kind status applicationId }\n  }\n"): (typeof documents)["\n  query MyConsents {\n    myConsents { id kind status applicationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GiveConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) { id kind status applicationId }\n  }\n"): (typeof documents)["\n  mutation GiveConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) { id kind status applicationId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EstimateConsents {\n    myConsents { id kind purpose status grantedToCentre validUntil }\n  }\n"): (typeof documents)["\n  query EstimateConsents {\n    myConsents { id kind purpose status grantedToCentre validUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawConsent($id: ID!) {\n    revokeConsent(id: $id) { id status }\n  }\n"): (typeof documents)["\n  mutation WithdrawConsent($id: ID!) {\n    revokeConsent(id: $id) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContractToSign($id: ID!) {\n    loanApplication(id: $id) { id contract { text sha256 } }\n  }\n"): (typeof documents)["\n  query ContractToSign($id: ID!) {\n    loanApplication(id: $id) { id contract { text sha256 } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyMyFace($livePhotoSha256: String!, $centreCode: String!) {\n    verifyFace(livePhotoSha256: $livePhotoSha256, centreCode: $centreCode) { matched reference }\n  }\n"): (typeof documents)["\n  mutation VerifyMyFace($livePhotoSha256: String!, $centreCode: String!) {\n    verifyFace(livePhotoSha256: $livePhotoSha256, centreCode: $centreCode) { matched reference }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignContract($id: ID!, $signature: ContractSignatureInput!) {\n    signLoanContract(id: $id, signature: $signature) { id status }\n  }\n"): (typeof documents)["\n  mutation SignContract($id: ID!, $signature: ContractSignatureInput!) {\n    signLoanContract(id: $id, signature: $signature) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewApplication($id: ID!, $score: Int!, $comment: String) {\n    reviewLoanApplication(id: $id, score: $score, comment: $comment) { id status }\n  }\n"): (typeof documents)["\n  mutation ReviewApplication($id: ID!, $score: Int!, $comment: String) {\n    reviewLoanApplication(id: $id, score: $score, comment: $comment) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workbench($filter: LoanApplicationFilter, $first: Int, $after: String) {\n    loanApplications(filter: $filter, first: $first, after: $after) {\n      applications {\n        id status amount termMonths acceptedAt decidedAt daysLeftToDecide daysLeftToPromisedDecision\n        checks { step status outcome }\n      }\n      nextCursor\n    }\n  }\n"): (typeof documents)["\n  query Workbench($filter: LoanApplicationFilter, $first: Int, $after: String) {\n    loanApplications(filter: $filter, first: $first, after: $after) {\n      applications {\n        id status amount termMonths acceptedAt decidedAt daysLeftToDecide daysLeftToPromisedDecision\n        checks { step status outcome }\n      }\n      nextCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OfficerApplication($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      checks {\n        step agency status attempts outcome nextAttemptAt\n        findings { code message englishMessage party { role ordinal } }\n      }\n      decision { outcome homeOrder rate maximumAmount maximumAmountWithTalent talentCertificateConfirmed bindingLimit officer officerReason findings { code message englishMessage } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n"): (typeof documents)["\n  query OfficerApplication($id: ID!) {\n    loanApplication(id: $id) {\n      id status centreCode amount termMonths repaymentMethod\n      acceptedAt decisionDueAt daysLeftToDecide promisedDecisionBy daysLeftToPromisedDecision decidedAt\n      checks {\n        step agency status attempts outcome nextAttemptAt\n        findings { code message englishMessage party { role ordinal } }\n      }\n      decision { outcome homeOrder rate maximumAmount maximumAmountWithTalent talentCertificateConfirmed bindingLimit officer officerReason findings { code message englishMessage } }\n      timeline { at step kind parties { role ordinal } officerReason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveApplication($id: ID!, $reason: String!, $talentCertificateConfirmed: Boolean) {\n    approveLoanApplication(id: $id, reason: $reason, talentCertificateConfirmed: $talentCertificateConfirmed) { id status decidedAt decision { outcome officerReason talentCertificateConfirmed } }\n  }\n"): (typeof documents)["\n  mutation ApproveApplication($id: ID!, $reason: String!, $talentCertificateConfirmed: Boolean) {\n    approveLoanApplication(id: $id, reason: $reason, talentCertificateConfirmed: $talentCertificateConfirmed) { id status decidedAt decision { outcome officerReason talentCertificateConfirmed } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectApplication($id: ID!, $reason: String!) {\n    rejectLoanApplication(id: $id, reason: $reason) { id status decidedAt decision { outcome officerReason } }\n  }\n"): (typeof documents)["\n  mutation RejectApplication($id: ID!, $reason: String!) {\n    rejectLoanApplication(id: $id, reason: $reason) { id status decidedAt decision { outcome officerReason } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;