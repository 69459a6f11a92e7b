// the error class lives in the shared leaf (src/errors/); kept here for older imports
export { ContainerError, type ContainerErrorKind } from '../errors/container.error.js';
