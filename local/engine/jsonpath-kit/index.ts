/** The engine's JSONPath toolkit: paths, ResultPath, payload templates, intrinsic functions, Choice rules. */
export { evaluateChoiceRule } from './choice.ts';
export { validateChoiceRule } from './choice-validate.ts';
export { type PathEnv, readPath } from './path-eval.ts';
export { isValidPath, isValidReferencePath } from './paths.ts';
export { applyResultPath } from './result-path.ts';
export { evaluateIntrinsic, resolveTemplate } from './template.ts';
