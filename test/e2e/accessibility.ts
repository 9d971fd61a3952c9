import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG 2.1 A and AA rules and axe's best practices: what the suite holds every pane to. */
const RULE_SETS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Fails with each violation's rule, impact and first element, so the report says what to fix and where. */
export const expectNoAxeViolations = async (page: Page, where: string): Promise<void> => {
  const { violations } = await new AxeBuilder({ page }).withTags(RULE_SETS).analyze();
  const found = violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes[0]?.target.join(' ') ?? ''}`);
  expect(found, `axe on ${where}`).toEqual([]);
};
