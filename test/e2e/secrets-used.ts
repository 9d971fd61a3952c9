/** Every secret the end-to-end tests type or store; the final scan looks for each of them on disk. */
export const e2eSecrets = {
  phonePassword: 'e2e-sip-Secret-4711',
  officePcPassword: 'e2e-Office-Pc-Passw0rd-8123',
  wrongOfficePcPassword: 'not-the-Password-0',
} as const;
