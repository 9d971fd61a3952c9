import { it } from 'vitest';
import { startPhoneLab } from './phone-lab';
it('scratch', async () => {
  const lab = await startPhoneLab({ employee: { user: '2041', password: 'x' } });
  try {
    await lab.caller.command('dial', lab.colleague.aor(lab.colleagueUser));
    await new Promise((r) => setTimeout(r, 7000));
    console.log('CALLER', JSON.stringify(lab.caller.events));
    console.log('COLLEAGUE', JSON.stringify(lab.colleague.events));
    console.log('STAT', JSON.stringify(await lab.caller.command('callstat')));
  } finally { await lab.stop(); }
}, 60000);
