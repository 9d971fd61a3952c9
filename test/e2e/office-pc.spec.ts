import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { formatFingerprint } from '../../common/office-pc/office-pc-config';
import { missingPeer, secretToolLookup, startSecretService } from '../lab/secret-service';
import { missingRdpPeer, startOfficePcLab, type OfficePcLab } from '../lab/rdp/office-pc-lab';
import { expectNoAxeViolations } from './accessibility';
import { expectCatalogueError, expectEveryErrorFromCatalogue } from './error-catalogue';
import { scopeOfOrganization } from '../../main/services/credentials/secret-scope';
import { e2eSecrets } from './secrets-used';
import { expect, startApp, test, type RunningApp } from './web-host-fixture';

const PASSWORD = e2eSecrets.officePcPassword;
const WRONG_PASSWORD = e2eSecrets.wrongOfficePcPassword;
/** Decoding is lossy and colour depths differ: a small distance per channel still means "the same colour". */
const COLOUR_TOLERANCE = 24;

const officePcProfile = (port: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schemaVersion: 1,
  id: 'comune-collegno-office-pc',
  serial: 1,
  issuedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2099-01-01T00:00:00Z',
  organization: { name: 'Comune di Collegno' },
  helpdesk: { phone: '+39 011 0000000' },
  officePc: { name: 'PC anagrafe', host: '127.0.0.1', port, username: '${user.login}', ...extra },
  userFields: [{ key: 'login', label: { en: 'Windows user name', it: 'Nome utente Windows' } }],
});

const hexColour = (hex: string) => ({
  r: parseInt(hex.slice(1, 3), 16),
  g: parseInt(hex.slice(3, 5), 16),
  b: parseInt(hex.slice(5, 7), 16),
});
const close = (a: { r: number; g: number; b: number }, b: { r: number; g: number; b: number }): boolean =>
  Math.abs(a.r - b.r) <= COLOUR_TOLERANCE && Math.abs(a.g - b.g) <= COLOUR_TOLERANCE && Math.abs(a.b - b.b) <= COLOUR_TOLERANCE;

/** The canvas's own pixel at a desktop coordinate, as IronRDP drew it. */
const canvasPixel = (page: Page, x: number, y: number) =>
  page.getByTestId('office-pc-canvas').evaluate(
    (canvas: HTMLCanvasElement, [px, py]) => {
      const [r, g, b] = canvas.getContext('2d')?.getImageData(px as number, py as number, 1, 1).data ?? [];
      return { r: r ?? -1, g: g ?? -1, b: b ?? -1, width: canvas.width, height: canvas.height };
    },
    [x, y],
  );

/** Where a desktop coordinate is on the page, for mouse input through the scaled canvas. */
const pagePoint = async (page: Page, x: number, y: number): Promise<{ x: number; y: number }> => {
  const canvas = page.getByTestId('office-pc-canvas');
  const box = await canvas.boundingBox();
  const size = await canvas.evaluate((element: HTMLCanvasElement) => ({ width: element.width, height: element.height }));
  if (!box) throw new Error('the canvas is not on the page');
  return { x: box.x + (x * box.width) / size.width, y: box.y + (y * box.height) / size.height };
};

/** A point of the root window outside the xterm. */
const rootPoint = (lab: OfficePcLab) => ({ x: lab.width - 40, y: lab.height - 40 });

/** The session's toolbar over the whole window slides in when the pointer reaches the window's top edge. */
const revealToolbar = async (page: Page): Promise<void> => {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.mouse.move(viewport.width / 2, 1);
  await expect(page.getByTestId('office-pc-floating-toolbar')).toHaveAttribute('data-shown', 'true');
};

const sessionToolbar = (page: Page) => page.getByRole('toolbar', { name: 'Office PC session' });

/** The share of the window the office PC's screen covers: the canvas's box, clipped to the viewport. */
const coverage = async (page: Page): Promise<number> => {
  const box = await page.getByTestId('office-pc-canvas').boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return 0;
  const width = Math.max(0, Math.min(box.x + box.width, viewport.width) - Math.max(box.x, 0));
  const height = Math.max(0, Math.min(box.y + box.height, viewport.height) - Math.max(box.y, 0));
  return (width * height) / (viewport.width * viewport.height);
};

const openPane = async (page: Page, app: RunningApp): Promise<void> => {
  await page.goto(app.url);
  await page.locator('[data-nav="officePc"]').click();
  await expect(page.locator('[data-pane="officePc"] h1')).toContainText('PC anagrafe');
};

const filesBelow = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });

const missing = missingRdpPeer();

test.describe('office PC over RDP with NLA, through the relay', () => {
  test.describe.configure({ mode: 'serial' });
  let lab: OfficePcLab;
  let keychain: Awaited<ReturnType<typeof startSecretService>> | undefined;
  let app: RunningApp;

  test.beforeAll(async () => {
    test.skip(missing !== undefined, missing);
    lab = await startOfficePcLab({ security: 'nla', password: PASSWORD });
    if (missingPeer('secret-service') === undefined) keychain = await startSecretService();
    app = await startApp({ profile: officePcProfile(lab.port), userFields: { login: lab.username }, env: keychain?.env ?? {} });
  });

  test.afterAll(async () => {
    if (app) await app.stop();
    await keychain?.stop();
    await lab?.stop();
  });

  test('first connection: trust the certificate, type the password, see the office PC in the canvas', async ({ openWindow }) => {
    const page = await openWindow(app);
    await page.goto(app.url);
    const card = page.locator('[data-capability="officePc"]');
    await expect(card.locator('.card-summary')).toContainText('PC anagrafe is reachable');
    await openPane(page, app);
    await expect(page.getByTestId('office-pc-reachability')).toHaveAttribute('data-state', 'reachable');

    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    const form = page.getByTestId('office-pc-password-form');
    await form.getByLabel('Password of your office PC').fill(PASSWORD);
    await form.getByRole('button', { name: 'Connect' }).click();

    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('First connection to PC anagrafe');
    await expect(dialog.getByTestId('certificate-fingerprint')).toHaveText(formatFingerprint(await lab.certificateSha256()));
    await dialog.getByRole('button', { name: 'Trust and connect' }).click();

    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
    const point = rootPoint(lab);
    const expected = hexColour(lab.colour);
    expect(close(await lab.pixel(point.x, point.y), expected)).toBe(true);
    await expect.poll(async () => close(await canvasPixel(page, point.x, point.y), expected), { timeout: 10_000 }).toBe(true);
    if (keychain)
      expect(
        await secretToolLookup(keychain.env, {
          service: 'Scrivania',
          username: `${scopeOfOrganization('Comune di Collegno').key}/office-pc`,
        }),
      ).toBe(PASSWORD);
  });

  test('typing into the remote xterm runs a command there: the root turns green on the canvas', async ({ openWindow }) => {
    const page = await openWindow(app);
    await openPane(page, app);
    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
    // The first frames have arrived and the canvas has its final place before the mouse aims at the xterm.
    const root = rootPoint(lab);
    await expect.poll(async () => close(await canvasPixel(page, root.x, root.y), hexColour(lab.colour)), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await page.getByTestId('office-pc-canvas').boundingBox())?.width ?? 0).toBeGreaterThan(400);
    const inside = await pagePoint(page, lab.xterm.x + lab.xterm.width / 2, lab.xterm.y + lab.xterm.height / 2);
    await page.mouse.click(inside.x, inside.y);
    await page.keyboard.type('touch typed-by-scrivania; xsetroot -solid green');
    await page.keyboard.press('Enter');
    await expect.poll(async () => close(await canvasPixel(page, root.x, root.y), { r: 0, g: 255, b: 0 }), { timeout: 15_000 }).toBe(true);
    expect(existsSync(join(lab.shared, 'typed-by-scrivania'))).toBe(true);
  });

  test('mouse buttons, the wheel, AltGr, the Windows key and Ctrl+Alt+Del reach the office PC', async ({ openWindow }) => {
    const page = await openWindow(app);
    await openPane(page, app);
    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
    const root = rootPoint(lab);
    await expect.poll(async () => (await canvasPixel(page, root.x, root.y)).r).toBeGreaterThanOrEqual(0);
    await expect.poll(async () => (await page.getByTestId('office-pc-canvas').boundingBox())?.width ?? 0).toBeGreaterThan(400);
    const watch = await lab.watchRootInput();
    try {
      // With no window manager, the X pointer's window (the root, here) gets the keys.
      const onRoot = await pagePoint(page, root.x, root.y);
      await page.mouse.click(onRoot.x, onRoot.y);
      await page.mouse.click(onRoot.x, onRoot.y, { button: 'right' });
      await page.mouse.wheel(0, 120);
      await page.keyboard.press('AltRight');
      await revealToolbar(page);
      await sessionToolbar(page).getByRole('button', { name: 'Windows key' }).click();
      await sessionToolbar(page).getByRole('button', { name: 'Ctrl+Alt+Del' }).click();
      // AltGr travels as the right Alt key's scancode; the lab's US keymap names it Alt_R, an Italian one AltGr.
      await expect
        .poll(() => watch.presses())
        .toEqual(['button 1', 'button 3', 'button 5', 'key Alt_R', 'key Super_L', 'key Control_L', 'key Alt_L', 'key Delete']);
    } finally {
      await watch.stop();
    }
  });

  test('a wrong password gets a clear error with the next step, and the right one then connects', async ({ openWindow }) => {
    const page = await openWindow(app);
    await app.invoke('credentials.forget', { id: 'office-pc' }).catch(() => undefined);
    await openPane(page, app);
    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    const form = page.getByTestId('office-pc-password-form');
    await form.getByLabel('Password of your office PC').fill(WRONG_PASSWORD);
    await form.getByRole('button', { name: 'Connect' }).click();
    const failure = page.getByRole('alert').filter({ hasText: 'did not accept your user name or password' });
    await expect(failure).toBeVisible({ timeout: 15_000 });
    await expectCatalogueError(failure.getByTestId('office-pc-error'), 'en', 'officePc.wrong-credentials');
    await failure.getByRole('button', { name: 'Type the password' }).click();
    await form.getByLabel('Password of your office PC').fill(PASSWORD);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
  });

  test('the office PC going away and coming back: the pane says it is reconnecting, then shows the screen again', async ({
    openWindow,
  }) => {
    const page = await openWindow(app);
    await openPane(page, app);
    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    const phase = page.locator('.office-pc-phase');
    await expect(phase).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
    await lab.restartShadow({ downMs: 1_500 });
    await expect(phase).toHaveAttribute('data-phase', 'reconnecting');
    await expect(phase).toContainText('Reconnecting');
    await expect(phase).toHaveAttribute('data-phase', 'connected', { timeout: 20_000 });
    const point = rootPoint(lab);
    await expect
      .poll(async () => close(await canvasPixel(page, point.x, point.y), await lab.pixel(point.x, point.y)), { timeout: 10_000 })
      .toBe(true);
  });

  test('a changed certificate blocks the connection with a warning until the employee decides', async ({ openWindow }) => {
    const page = await openWindow(app);
    const trusted = await lab.certificateSha256();
    await lab.restartShadow({ newCertificate: true });
    await openPane(page, app);
    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    const warning = page.getByRole('alertdialog');
    await expect(warning).toContainText('Warning: PC anagrafe presented a different certificate');
    await expect(warning).toContainText(formatFingerprint(trusted));
    await expect(warning.getByTestId('certificate-fingerprint')).toHaveText(formatFingerprint(await lab.certificateSha256()));
    await expect(page.locator('.office-pc-phase')).not.toHaveAttribute('data-phase', 'connected');
    const trustNew = warning.getByRole('button', { name: 'Trust the new certificate' });
    await expect(trustNew).toBeDisabled();
    await page.locator('[data-nav="dashboard"]').click();
    await expect(page.locator('[data-capability="officePc"] .badge')).toHaveAttribute('data-level', 'error');
    await page.locator('[data-nav="officePc"]').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Do not connect' }).click();
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'idle');
  });

  test('no password typed in these tests is in the data folder or the log', () => {
    const files = filesBelow(app.dataDir).concat(`${app.dataDir}.log`);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const content = readFileSync(file);
      for (const secret of [PASSWORD, WRONG_PASSWORD]) expect(content.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  });
});

test.describe('office PC with TLS only, its certificate pinned by the profile', () => {
  let lab: OfficePcLab;
  let app: RunningApp;

  test.beforeAll(async () => {
    test.skip(missing !== undefined, missing);
    lab = await startOfficePcLab({ security: 'tls', colour: '#c04080' });
    const pin = formatFingerprint(await lab.certificateSha256());
    app = await startApp({ profile: officePcProfile(lab.port, { certificateSha256: pin }), userFields: { login: lab.username } });
  });

  test.afterAll(async () => {
    if (app) await app.stop();
    await lab?.stop();
  });

  test('connects without asking about the certificate and shows the screen', async ({ openWindow }) => {
    const page = await openWindow(app);
    await openPane(page, app);
    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    const form = page.getByTestId('office-pc-password-form');
    await form.getByLabel('Password of your office PC').fill(PASSWORD);
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const point = rootPoint(lab);
    await expect.poll(async () => close(await canvasPixel(page, point.x, point.y), hexColour(lab.colour)), { timeout: 10_000 }).toBe(true);
    await revealToolbar(page);
    await sessionToolbar(page).getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'idle');
    await expect(page.locator('.topbar')).toBeVisible();
  });
});

/** Connects from the pane with a typed password, the certificate pinned by the profile, and waits for the screen. */
const connectTyping = async (page: Page, app: RunningApp, lab: OfficePcLab, language: 'en' | 'it' = 'en'): Promise<void> => {
  const words = {
    en: { connect: 'Connect', password: 'Password of your office PC' },
    it: { connect: 'Collegati', password: "Password del PC dell'ufficio" },
  }[language];
  await page.goto(app.url);
  await page.locator('[data-nav="officePc"]').click();
  await expect(page.locator('[data-pane="officePc"] h1')).toContainText('PC anagrafe');
  await page.getByRole('toolbar').getByRole('button', { name: words.connect }).click();
  const form = page.getByTestId('office-pc-password-form');
  await form.getByLabel(words.password).fill(PASSWORD);
  await form.getByRole('button', { name: words.connect }).click();
  await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'connected', { timeout: 15_000 });
  const point = rootPoint(lab);
  await expect.poll(async () => close(await canvasPixel(page, point.x, point.y), hexColour(lab.colour)), { timeout: 10_000 }).toBe(true);
};

test.describe('the connected office PC fills the window (TLS, a 1366×768 office screen)', () => {
  test.describe.configure({ mode: 'serial' });
  let lab: OfficePcLab;
  let app: RunningApp;

  test.beforeAll(async () => {
    test.skip(missing !== undefined, missing);
    lab = await startOfficePcLab({ security: 'tls', colour: '#3a8050', width: 1366, height: 768 });
    const pin = formatFingerprint(await lab.certificateSha256());
    app = await startApp({ profile: officePcProfile(lab.port, { certificateSha256: pin }), userFields: { login: lab.username } });
  });

  test.afterAll(async () => {
    if (app) await app.stop();
    await lab?.stop();
  });

  test('at 1024×600 and 1366×768 the office PC covers at least 90 % of the window, with no top bar or navigation', async ({
    openWindow,
  }) => {
    const page = await openWindow(app);
    await page.setViewportSize({ width: 1024, height: 600 });
    await connectTyping(page, app, lab);
    await expect(page.locator('.topbar')).toBeHidden();
    await expect(page.locator('.sidebar')).toBeHidden();
    await expect.poll(() => coverage(page)).toBeGreaterThanOrEqual(0.9);
    const small = await coverage(page);
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(() => coverage(page)).toBeGreaterThanOrEqual(0.9);
    const large = await coverage(page);
    // The shadow server keeps its own screen's size (it has no Display Control): the canvas is scaled, not resized.
    const desktop = await page.getByTestId('office-pc-canvas').evaluate((canvas: HTMLCanvasElement) => `${canvas.width}×${canvas.height}`);
    test.info().annotations.push({
      type: 'coverage',
      description: `1024×600: ${(small * 100).toFixed(1)} %, 1366×768: ${(large * 100).toFixed(1)} %, office PC desktop ${desktop}`,
    });
  });

  test('Ctrl+Alt+Home goes back to Scrivania without reaching the office PC; the toolbar gives the whole window back', async ({
    openWindow,
  }) => {
    const page = await openWindow(app);
    await page.setViewportSize({ width: 1366, height: 768 });
    await connectTyping(page, app, lab);
    await expect(page.getByTestId('office-pc-exit-hint')).toContainText('Ctrl+Alt+Home');
    const watch = await lab.watchRootInput();
    try {
      const root = rootPoint(lab);
      const onRoot = await pagePoint(page, root.x, root.y);
      await revealToolbar(page);
      await sessionToolbar(page).getByRole('button', { name: 'Full screen' }).click();
      await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
      await page.mouse.click(onRoot.x, onRoot.y);
      await page.keyboard.press('Control+Alt+Home');
      await expect(page.locator('.topbar')).toBeVisible();
      await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
      await expect(page.locator('[data-nav="officePc"]')).toBeVisible();
      await expect(page.locator('[data-pane="officePc"] h1')).toContainText('PC anagrafe');
      // Still connected, now inside Scrivania's window, with the way back to the whole window.
      await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'connected');
      await expect(page.getByTestId('office-pc-badge')).toHaveText('Connected');
      await expect.poll(() => watch.presses()).toContain('button 1');
      expect(watch.presses()).not.toContain('key Home');
    } finally {
      await watch.stop();
    }
    await sessionToolbar(page).getByRole('button', { name: 'Whole window' }).click();
    await expect(page.locator('.topbar')).toBeHidden();
    await expect.poll(() => coverage(page)).toBeGreaterThanOrEqual(0.9);
    // The toolbar's own button does the same as the key.
    await revealToolbar(page);
    await expect(sessionToolbar(page).getByRole('button', { name: /Back to Scrivania/ })).toContainText('Ctrl+Alt+Home');
    await sessionToolbar(page)
      .getByRole('button', { name: /Back to Scrivania/ })
      .click();
    await expect(page.locator('.topbar')).toBeVisible();
    await sessionToolbar(page).getByRole('button', { name: 'Disconnect' }).click();
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'idle');
    await expect(page.getByTestId('office-pc-badge')).not.toHaveText('Connected');
  });

  test('axe finds no violation on the office PC pane unconfigured, configured and connected, in English and Italian', async ({
    browser,
  }) => {
    const windowIn = async (locale: string, into: Browser): Promise<Page> => {
      const context = await into.newContext({ locale, viewport: { width: 1366, height: 768 } });
      return context.newPage();
    };
    const unconfigured = await startApp();
    try {
      for (const [language, locale] of [
        ['en', 'en-GB'],
        ['it', 'it-IT'],
      ] as const) {
        const bare = await windowIn(locale, browser);
        await bare.goto(unconfigured.url);
        await bare.locator('[data-nav="officePc"]').click();
        await expect(bare.locator('html')).toHaveAttribute('lang', language);
        await expect(bare.locator('[data-pane="officePc"] h1')).toBeVisible();
        await expectNoAxeViolations(bare, `the office PC pane, ${language}, unconfigured`);
        await bare.context().close();

        const page = await windowIn(locale, browser);
        await page.goto(app.url);
        await page.locator('[data-nav="officePc"]').click();
        await expect(page.getByTestId('office-pc-reachability')).toHaveAttribute('data-state', 'reachable');
        await expectNoAxeViolations(page, `the office PC pane, ${language}, configured`);
        await connectTyping(page, app, lab, language);
        await expectNoAxeViolations(page, `the office PC pane, ${language}, connected`);
        await page.context().close();
      }
    } finally {
      await unconfigured.stop();
    }
  });
});

test.describe('while it connects, the office PC is said to be connecting, never ready', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  let app: RunningApp;

  test.beforeAll(async () => {
    // An office PC that accepts the connection and then says nothing: the relay waits for its X.224 answer.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    app = await startApp({ profile: officePcProfile(port), userFields: { login: 'mrossi' } });
  });

  test.afterAll(async () => {
    if (app) await app.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent?.close(() => resolve()));
  });

  test('the pane and the dashboard card say Connecting…; after the failure neither says connected', async ({ openWindow }) => {
    const page = await openWindow(app);
    await openPane(page, app);
    await page.getByRole('toolbar').getByRole('button', { name: 'Connect' }).click();
    const form = page.getByTestId('office-pc-password-form');
    await form.getByLabel('Password of your office PC').fill(PASSWORD);
    await form.getByRole('button', { name: 'Connect' }).click();
    const badge = page.getByTestId('office-pc-badge');
    await expect(badge).toHaveText('Connecting…');
    await expect(badge).toHaveAttribute('data-level', 'busy');
    await expect(page.getByRole('toolbar').getByRole('button', { name: 'Cancel' })).toBeVisible();
    await page.locator('[data-nav="dashboard"]').click();
    const card = page.locator('[data-capability="officePc"]');
    await expect(card.locator('.card-summary')).toHaveText('Connecting to PC anagrafe…');
    await expect(card.locator('.badge')).toHaveAttribute('data-level', 'busy');
    await expect(card.locator('.badge')).not.toHaveText('Ready');
    // The relay gives up on the silent office PC; the pane then says what failed and the card no longer connects.
    await expect(card.locator('.card-summary')).not.toHaveText('Connecting to PC anagrafe…', { timeout: 20_000 });
    await expect(card.locator('.card-summary')).not.toContainText('Connected');
    await page.locator('[data-nav="officePc"]').click();
    await expect(page.locator('.office-pc-phase')).toHaveAttribute('data-phase', 'failed');
    await expect(page.getByRole('alert')).toBeVisible();
  });
});

test('in Italian, an office PC that does not answer is said in the catalogue’s words, the socket’s only behind Details', async ({
  openWindow,
}) => {
  const gone = createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  const port = (gone.address() as { port: number }).port;
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  const italian = await startApp({ locale: 'it-IT', profile: officePcProfile(port), userFields: { login: 'mrossi' } });
  try {
    const page = await openWindow(italian);
    await openPane(page, italian);
    await expect(page.getByTestId('office-pc-reachability')).toHaveAttribute('data-state', 'unreachable', { timeout: 15_000 });
    await expect(page.getByTestId('office-pc-reachability').locator('span').first()).toHaveText('Non raggiungibile.');
    await page.getByRole('toolbar').getByRole('button', { name: 'Collegati' }).click();
    const form = page.getByTestId('office-pc-password-form');
    await form.getByLabel("Password del PC dell'ufficio").fill(PASSWORD);
    await form.getByRole('button', { name: 'Collegati' }).click();
    const failure = page.locator('.office-pc-failure');
    await expect(failure).toHaveAttribute('data-failure', 'unreachable', { timeout: 15_000 });
    await expect(failure.getByRole('heading')).toHaveText("Il PC dell'ufficio non è raggiungibile");
    const notice = failure.getByTestId('office-pc-error');
    await expectCatalogueError(notice, 'it', 'officePc.unreachable');
    await expect(notice.locator('details code')).toContainText(`127.0.0.1:${port}`);
    await expectEveryErrorFromCatalogue(page.locator('[data-pane="officePc"]'), 'it');
  } finally {
    await italian.stop();
  }
});
