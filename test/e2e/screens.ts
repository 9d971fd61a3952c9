import type { Browser, Page } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility';

export const SCREEN_SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 600 },
] as const;
export const LANGUAGES = ['en', 'it'] as const;

/** Every pane of the navigation, as `data-nav` names it. */
export const PANES = ['dashboard', 'vpn', 'officePc', 'phone', 'meetings', 'profile', 'settings', 'help'] as const;

const locales: Record<(typeof LANGUAGES)[number], string> = { en: 'en-US', it: 'it-IT' };

/**
 * Opens the app in each language at each size, visits every pane, holds each to axe and writes it to
 * `docs/screens/<pane>-<language>-<width>x<height>.png`. The app follows the window's language (Settings: system).
 */
export const captureEveryPane = async (browser: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<string[]> => {
  const written: string[] = [];
  for (const language of LANGUAGES) {
    for (const size of SCREEN_SIZES) {
      const context = await browser.newContext({ viewport: size, locale: locales[language] });
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      for (const pane of PANES) {
        await page.locator(`[data-nav="${pane}"]`).click();
        await page.locator('main h1').first().waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        const where = `${pane} in ${language} at ${size.width}×${size.height}`;
        await expectNoAxeViolations(page, where);
        const path = `docs/screens/${pane}-${language}-${size.width}x${size.height}.png`;
        await page.screenshot({ path });
        written.push(path);
      }
      await context.close();
    }
  }
  return written;
};
