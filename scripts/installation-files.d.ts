export declare const writeInstallationFiles: (
  env: NodeJS.ProcessEnv,
  distDir: string,
) => { trustedKeys: number; profileUrl: string | undefined };
