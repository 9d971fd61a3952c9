export declare const versionFromTag: (tag: string) => string;
export declare const channelOf: (version: string) => 'stable' | 'beta';
export declare const releaseVersion: (options: { tag: string | undefined; env: NodeJS.ProcessEnv; packageVersion: string }) => {
  version: string;
  channel: 'stable' | 'beta';
  fromTag: boolean;
};
export declare const withVersion: (packageJsonText: string, version: string) => string;
