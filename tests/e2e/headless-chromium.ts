/**
 * Debian's Chromium for the report page tests (Playwright's own browser download cannot work offline). CI installs
 * it and sets REQUIRE_CHROMIUM=1; a developer machine without it skips those tests, saying why.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.REQUIRE_CHROMIUM === '1') {
  throw new Error(`REQUIRE_CHROMIUM=1 but no browser at ${CHROMIUM}`);
}

export function launchHeadless(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}
