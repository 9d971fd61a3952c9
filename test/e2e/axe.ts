import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe on one part of the page (WCAG 2.1 A and AA) and fails with each violation's rule and where it is. */
export const expectNoAxeViolations = async (page: Page, selector: string): Promise<void> => {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  // Something was examined: an include that matched nothing would pass without checking anything.
  expect(results.passes.length, `axe rules that ran on ${selector}`).toBeGreaterThan(0);
  expect(found, `axe on ${selector}`).toEqual([]);
};
