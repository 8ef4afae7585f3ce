/** Communities' operations (typed by codegen against the supergraph's API schema), one file per part of the product. */
export * from './communities';
export * from './discussions';
export * from './events';
export * from './lookups';
export * from './site-reports';
export * from './sites';
