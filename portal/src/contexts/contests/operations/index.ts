/** The contests pages' operations (typed by codegen against the supergraph's API schema), one file per part of the product. */
export * from './fragments';
export * from './juror';
export * from './partitions';
export * from './public';
export * from './school';
export * from './stage-work';
export * from './stages';
