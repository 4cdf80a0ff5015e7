/** Computational graphs of scalar blocks: the document, its check, and the three ways to differentiate it. */
export * from './types';
export * from './ops';
export * from './analyze';
export * from './evaluate';
export * from './project-file';
export * from './any-project';
export { parseExpression, printExpression, ExpressionError, EXPRESSION_FUNCTIONS, type Expr } from './expression';
export { differentiate, evaluateExpression } from './expression-calculus';
