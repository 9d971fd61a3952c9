import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const RELEASE_WORKFLOW = '.github/workflows/release.yml';

export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

export interface WorkflowJob {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  strategy?: { matrix: { include: { os: string; platform: string }[] } };
  steps: WorkflowStep[];
}

export interface PackagingStep extends WorkflowStep {
  run: string;
  platform: string;
}

/** The release workflow as GitHub reads it, and its electron-builder steps with the platform each runs on. */
export const releaseWorkflow = (text = readFileSync(RELEASE_WORKFLOW, 'utf8')) => {
  const document = parse(text) as { on: unknown; jobs: Record<string, WorkflowJob> };
  const build = document.jobs['build'];
  if (!build) throw new Error(`${RELEASE_WORKFLOW} has no build job`);
  const packagingSteps = build.steps.flatMap((step): PackagingStep[] => {
    if (!step.run?.includes('electron-builder')) return [];
    const platform = /matrix\.platform == '(\w+)'/.exec(step.if ?? '')?.[1];
    if (!platform) throw new Error(`${RELEASE_WORKFLOW}: the step "${step.name}" runs electron-builder on no particular platform`);
    return [{ ...step, run: step.run, platform }];
  });
  return { document, jobs: document.jobs, build, packagingSteps };
};

/** The `-c.path="$VARIABLE"` settings an electron-builder command line adds to electron-builder.yml. */
export const builderOverrides = (run: string): [path: string, value: string][] =>
  [...run.matchAll(/-c\.([\w.]+)="([^"]*)"/g)].map((match) => [match[1] as string, match[2] as string]);

const SECRET_NAME = /PASSWORD|PASSPHRASE|SECRET|TOKEN|PRIVATE|CSC_LINK|APPLE_API|SSH_KEY|TENANT_ID|CLIENT_ID/;
const FROM_SECRETS = /^\$\{\{\s*secrets\.[A-Z0-9_]+\s*\}\}$/;

/**
 * Where the workflow could leak or commit a credential: a secret-looking variable not set from `secrets.*`, or a
 * `secrets.*` expression pasted into a script (GitHub substitutes it into the shell text before running it).
 */
export const secretHandlingProblems = (document: { jobs: Record<string, WorkflowJob> }): string[] => {
  const problems: string[] = [];
  const checkEnv = (where: string, env: Record<string, string> | undefined): void => {
    for (const [name, value] of Object.entries(env ?? {})) {
      const fromSecrets = FROM_SECRETS.test(String(value).trim());
      if (SECRET_NAME.test(name) && !fromSecrets) problems.push(`${where}: ${name} must come from secrets.*, not ${JSON.stringify(value)}`);
      if (!SECRET_NAME.test(name) && String(value).includes('secrets.'))
        problems.push(`${where}: ${name} takes a secret but its name does not say so`);
    }
  };
  for (const [jobName, job] of Object.entries(document.jobs)) {
    checkEnv(`job ${jobName}`, job.env);
    job.steps.forEach((step, index) => {
      const where = `job ${jobName}, step ${step.name ?? index + 1}`;
      checkEnv(where, step.env);
      if (step.run?.includes('secrets.')) problems.push(`${where}: a secret is written into the script; pass it through env`);
      if (JSON.stringify(step.with ?? {}).includes('secrets.')) problems.push(`${where}: a secret is passed to an action's inputs`);
    });
  }
  return problems;
};
