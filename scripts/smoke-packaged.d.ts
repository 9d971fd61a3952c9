export interface PackagedApp {
  name: string;
  arch: string;
  executable: string;
  resources: string;
  /** The .app, on macOS. */
  bundle?: string;
}
export declare const PRODUCT_NAME: string;
export declare const LINUX_EXECUTABLE: string;
export declare const APP_ORIGIN: string;
export declare const CAPABILITIES: string[];
export declare const QUIT_WITHIN_MS: number;
export declare const packagedApps: (platform: NodeJS.Platform, releaseDir: string, entries: readonly string[]) => PackagedApp[];
export declare const keychainBindingPackage: (platform: NodeJS.Platform, arch: string) => string;
export declare const keychainBindingDir: (app: PackagedApp, platform: NodeJS.Platform) => string;
export declare const devToolsEndpointIn: (text: string) => string | undefined;
export declare const appWindowIn: <T extends { type: string; url: string }>(targets: readonly T[]) => T | undefined;
export declare const profileLink: (address: string) => string;
export declare const linkDelivery: (platform: NodeJS.Platform, app: PackagedApp, link: string) => { command: string; args: string[] };
export declare const appArguments: () => string[];
