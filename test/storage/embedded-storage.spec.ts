import { embeddedBackend } from './support/backends';
import { describeStorageContract } from './support/storage-contract';

describeStorageContract(embeddedBackend);
