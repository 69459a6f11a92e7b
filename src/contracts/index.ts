/**
 * `@panini/core/contracts`: a service's contract from its code. The AsyncAPI 3.0.0 document
 * (`createAsyncApiDocument`, `panini asyncapi`), JSON Schemas of DTO classes, clients typed from
 * controllers (`ContractClient`) and the generator behind `panini client`. A service that does
 * not import it loads none of it.
 */
import 'reflect-metadata';

export { createAsyncApiDocument, type AsyncApiOptions } from './create-document.js';
export { toAsyncApi, type AsyncApiDocument, type AsyncApiChannel, type AsyncApiOperation, type ContractSource } from './asyncapi-document.js';
export { ContractClient, type RequestClient, type EventClient, type ContractCallOptions, type CallerArgs, type Wire } from './contract-client.js';
export { dtoJsonSchema } from './dto-json-schema.js';
export { generateClient, type GenerateClientOptions } from './client-generator.js';
export { diffDocuments, formatChanges, type DocumentChange } from './contract-diff.js';
export { toYaml } from './yaml.js';
