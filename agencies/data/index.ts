/** The synthetic data set: generation, the named scenarios, and the JSON export. */
export { generateDataset, DATASET_DEFAULTS, type DatasetOptions } from './generate';
export type { Dataset, ApplicantProfile, ApplicantTrait, CreditHistory } from './dataset';
export { SCENARIOS, allScenarios, ordinaryApplicantIds, type Scenario, type ScenarioKey, type CheckKey } from './scenarios';
export { datasetDocuments, datasetCounts, type DatasetDocuments } from './export';
