/** Create-time checks of path syntax. */
import { compilePath } from './path-eval.ts';

/** A Path: any JSONPath on the input, the context object (`$$`) or a variable (`$name`). */
export function isValidPath(path: string): boolean {
  try {
    compilePath(path);
    return true;
  } catch {
    return false;
  }
}

/** A Reference Path: a path that can identify only a single node (fields and indexes only). */
export function isValidReferencePath(path: string): boolean {
  try {
    return compilePath(path).keys !== undefined;
  } catch {
    return false;
  }
}
