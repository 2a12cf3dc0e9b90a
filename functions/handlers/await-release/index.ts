/** Custody phase: keeps the AwaitRelease task token until the release trigger answers it. */
import { awaitRelease } from '#functions/services/release.ts';
import { awaitReleasePayload } from '#handlers/payloads.ts';
import { journeyHandler } from '#handlers/runtime.ts';

export const handler = journeyHandler(awaitReleasePayload, (deps, p) => awaitRelease(deps, p, p.now));
