import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { meetingsConfigFromSections } from '../../../common/meetings/meetings-config';
import { keyDescription } from '../../../common/profiles/key-description';
import { configSectionNames } from '../../../common/profiles/profile-schema';
import { parseVpnConfig } from '../../../common/vpn/vpn-config';
import { runPolicyCommand } from '../../../main/cli/policy-command';
import {
  examplePolicyDocument,
  forcibleKeys,
  forcibleSectionSchemas,
  POLICY_TEMPLATE_FILES,
  policyDocumentKeys,
  renderPolicyTemplates,
  sectionKeys,
  undescribedKeys,
} from '../../../main/cli/policy-templates';
import { computeEffective } from '../../../main/services/profiles/effective-config';
import {
  parseRegQueryOutput,
  PolicyDocument,
  readJsonPolicyFile,
  registryToPolicyDocument,
  WINDOWS_POLICY_KEY,
} from '../../../main/services/profiles/policy-sources';

const COMMITTED = 'build/policy';
const templates = renderPolicyTemplates();
const committed = (path: string): string => readFileSync(join(COMMITTED, path), 'utf8');
const example = examplePolicyDocument();
const allKeys = [...policyDocumentKeys(), ...forcibleKeys()];

const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'scrivania-policy-'));
  temporary.push(dir);
  return dir;
};

// ---------------------------------------------------------------- reading the templates back

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name, path) => ['policy', 'category', 'item', 'presentation'].includes(name) || String(path).endsWith('stringTable.string'),
});

interface AdmxElement {
  id: string;
  valueName: string;
  trueValue?: { string: string };
  falseValue?: { string: string };
  item?: { value: { string: string } }[];
}
interface AdmxPolicy {
  name: string;
  key: string;
  displayName: string;
  explainText: string;
  presentation: string;
  elements: Partial<Record<'text' | 'decimal' | 'boolean' | 'multiText' | 'enum', AdmxElement>>;
}

const admxPolicies = (text: string): AdmxPolicy[] => xmlParser.parse(text).policyDefinitions.policies.policy as AdmxPolicy[];

/** The `reg query HKLM\… /s` listing Group Policy would leave behind for these values. */
const regQueryFor = (policies: AdmxPolicy[], document: Record<string, unknown>): string => {
  const forced = document['forced'] as Record<string, unknown>;
  const byKey = new Map<string, string[]>();
  for (const policy of policies) {
    const [kind, element] = Object.entries(policy.elements)[0] as [keyof AdmxPolicy['elements'], AdmxElement];
    const value =
      policy.key === WINDOWS_POLICY_KEY
        ? document[element.valueName.charAt(0).toLowerCase() + element.valueName.slice(1)]
        : forced[element.valueName];
    let line: string;
    if (kind === 'decimal') line = `REG_DWORD    0x${(value as number).toString(16)}`;
    else if (kind === 'multiText') line = `REG_MULTI_SZ    ${(value as string[]).join('\\0')}`.trimEnd();
    else if (kind === 'boolean') line = `REG_SZ    ${value ? element.trueValue?.string : element.falseValue?.string}`;
    else if (kind === 'enum') line = `REG_SZ    ${element.item?.find((item) => item.value.string === value)?.value.string}`;
    else
      line = `REG_SZ    ${typeof value === 'string' && policy.key === WINDOWS_POLICY_KEY ? value : policy.key.endsWith('ForcedJson') ? JSON.stringify(value) : String(value)}`;
    const lines = byKey.get(policy.key) ?? [];
    lines.push(`    ${element.valueName}    ${line}`);
    byKey.set(policy.key, lines);
  }
  return [...byKey].map(([key, lines]) => `\r\nHKEY_LOCAL_MACHINE\\${key}\r\n${lines.join('\r\n')}\r\n`).join('');
};

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

/** A plist's XML as JSON, the way `plutil -convert json` prints it. */
const plistToJson = (text: string): Plist => {
  const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false }).parse(text) as Record<
    string,
    unknown
  >[];
  const plist = ordered.find((node) => 'plist' in node)?.['plist'] as Record<string, unknown>[];
  const convert = (node: Record<string, unknown>): Plist => {
    const [tag] = Object.keys(node) as [string];
    const children = node[tag] as Record<string, unknown>[];
    const text = () => String((children[0]?.['#text'] as string | undefined) ?? '');
    switch (tag) {
      case 'string':
        return text();
      case 'integer':
        return Number.parseInt(text(), 10);
      case 'true':
        return true;
      case 'false':
        return false;
      case 'array':
        return children.map(convert);
      case 'dict': {
        const result: Record<string, Plist> = {};
        for (let index = 0; index < children.length; index += 2)
          result[String((children[index]?.['key'] as Record<string, unknown>[])[0]?.['#text'])] = convert(
            children[index + 1] as Record<string, unknown>,
          );
        return result;
      }
      default:
        throw new Error(`unexpected plist element <${tag}>`);
    }
  };
  return convert(plist[0] as Record<string, unknown>);
};

const missingFrom = (text: string, keys: readonly string[]): string[] => keys.filter((key) => !text.includes(key));

/** Each policy's explanation in one ADML, by the name of its key (`ProfileUrl`, `/phone/server`). */
const explanationsIn = (adml: string): Map<string, string> => {
  const strings = xmlParser.parse(adml).policyDefinitionResources.resources.stringTable.string as { id: string; '#text': string }[];
  const byId = new Map(strings.map((entry) => [entry.id, entry['#text']]));
  const admx = admxPolicies(templates[POLICY_TEMPLATE_FILES.admx] as string);
  return new Map(
    admx.map((policy) => [
      (Object.values(policy.elements)[0] as AdmxElement).valueName,
      byId.get(policy.explainText.replace(/^\$\(string\.(.*)\)$/, '$1')) ?? '',
    ]),
  );
};

// ---------------------------------------------------------------- the tests

describe('the admin templates', () => {
  it('are committed as the generator writes them now', () => {
    for (const [path, content] of Object.entries(templates))
      expect(committed(path), `${COMMITTED}/${path} is out of date: run scrivania policy templates --out ${COMMITTED}`).toBe(content);
  });

  it('are well-formed XML (ADMX, both ADMLs, the configuration profile)', () => {
    for (const path of [
      POLICY_TEMPLATE_FILES.admx,
      POLICY_TEMPLATE_FILES.admlEnglish,
      POLICY_TEMPLATE_FILES.admlItalian,
      POLICY_TEMPLATE_FILES.mobileconfig,
    ])
      expect(XMLValidator.validate(templates[path] as string), path).toBe(true);
    expect(XMLValidator.validate('<policyDefinitions><policies></policyDefinitions>')).not.toBe(true);
  });

  it('walk every key of the schemas: each section, each of its fields, and the policy’s own keys', () => {
    const pointers = forcibleKeys().map((key) => key.key);
    for (const section of configSectionNames)
      expect(
        pointers.some((pointer) => pointer === `/${section}` || pointer.startsWith(`/${section}/`)),
        section,
      ).toBe(true);
    for (const [section, schema] of Object.entries(forcibleSectionSchemas)) {
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const field of Object.keys(shape))
        expect(
          pointers.some((pointer) => pointer === `/${section}/${field}` || pointer.startsWith(`/${section}/${field}/`)),
          `/${section}/${field}`,
        ).toBe(true);
    }
    expect(pointers).toEqual(
      expect.arrayContaining(['/phone/server', '/officePc/host', '/vpn/timing/stableIntervalMs', '/meetings/openIn', '/calendars']),
    );
    expect(
      policyDocumentKeys()
        .map((key) => key.key)
        .sort(),
    ).toEqual(
      Object.keys(PolicyDocument.shape)
        .filter((key) => key !== 'forced')
        .sort(),
    );
  });

  it('name every key in every template', () => {
    const documentNames = policyDocumentKeys().map((key) => key.key.charAt(0).toUpperCase() + key.key.slice(1));
    const pointers = forcibleKeys().map((key) => key.key);
    for (const path of Object.keys(templates)) {
      const text = templates[path] as string;
      const names = path === POLICY_TEMPLATE_FILES.linuxPolicy ? policyDocumentKeys().map((key) => key.key) : documentNames;
      expect(
        missingFrom(text, [...names, ...pointers.map((pointer) => (path.endsWith('.json') ? JSON.stringify(pointer) : pointer))]),
        path,
      ).toEqual([]);
    }
    expect(missingFrom(templates[POLICY_TEMPLATE_FILES.admx]?.replace('valueName="/phone/server"', '') ?? '', ['/phone/server'])).toEqual([
      '/phone/server',
    ]);
  });

  it('give every policy, category and choice its texts in English and Italian', () => {
    const admx = templates[POLICY_TEMPLATE_FILES.admx] as string;
    const strings = [...admx.matchAll(/\$\(string\.([^)]+)\)/g)].map((match) => match[1] as string);
    const presentations = [...admx.matchAll(/\$\(presentation\.([^)]+)\)/g)].map((match) => match[1] as string);
    for (const path of [POLICY_TEMPLATE_FILES.admlEnglish, POLICY_TEMPLATE_FILES.admlItalian]) {
      const resources = xmlParser.parse(templates[path] as string).policyDefinitionResources.resources;
      const ids = new Set((resources.stringTable.string as { id: string }[]).map((entry) => entry.id));
      const presentationIds = new Set((resources.presentationTable.presentation as { id: string }[]).map((entry) => entry.id));
      expect(
        strings.filter((id) => !ids.has(id)),
        path,
      ).toEqual([]);
      expect(
        presentations.filter((id) => !presentationIds.has(id)),
        path,
      ).toEqual([]);
    }
    expect(templates[POLICY_TEMPLATE_FILES.admlItalian]).toContain('Imponi /phone/server');
    expect(templates[POLICY_TEMPLATE_FILES.admlEnglish]).toContain('Force /phone/server');
  });

  it('find a description in English and in Italian in the schema of every key they list', () => {
    expect(undescribedKeys(allKeys)).toEqual([]);
    expect(allKeys.find((key) => key.key === '/updates/channel')?.description).toEqual({
      en: 'stable (latest.yml) or beta (beta.yml). Default stable.',
      it: 'stable (latest.yml) oppure beta (beta.yml). Predefinito stable.',
    });
    const sections = {
      demo: z.looseObject({
        told: z
          .string()
          .optional()
          .meta(keyDescription({ en: 'Told outside.', it: 'Detto fuori.' })),
        toldInside: z
          .string()
          .meta(keyDescription({ en: 'Told inside.', it: 'Detto dentro.' }))
          .default('x'),
        untold: z.string().optional(),
        englishOnly: z.boolean().describe('English only.'),
        blankItalian: z.boolean().meta(keyDescription({ en: 'Half told.', it: ' ' })),
        nested: z
          .object({ deep: z.number().int().min(0) })
          .meta(keyDescription({ en: 'A parent does not describe its leaves.', it: 'Un genitore non descrive le sue foglie.' })),
      }),
    };
    expect(undescribedKeys(sectionKeys(sections))).toEqual([
      '/demo/untold (en)',
      '/demo/untold (it)',
      '/demo/englishOnly (en)',
      '/demo/englishOnly (it)',
      '/demo/blankItalian (it)',
      '/demo/nested/deep (en)',
      '/demo/nested/deep (it)',
    ]);
    expect(sections.demo.shape.told.safeParse(1).success).toBe(false);
  });

  it('explain every key with its description, how to set it and what forcing it does, in each language', () => {
    const languages = [
      { path: POLICY_TEMPLATE_FILES.admlEnglish, language: 'en', forcing: 'for every user of this computer' },
      { path: POLICY_TEMPLATE_FILES.admlItalian, language: 'it', forcing: 'per tutti gli utenti di questo computer' },
    ] as const;
    for (const { path, language, forcing } of languages) {
      const explanations = explanationsIn(templates[path] as string);
      expect(explanations.size, path).toBe(allKeys.length);
      for (const key of allKeys) {
        const explanation = explanations.get(key.key.startsWith('/') ? key.key : key.key.charAt(0).toUpperCase() + key.key.slice(1)) ?? '';
        expect(explanation.startsWith(key.description?.[language] ?? '(none)'), `${path} ${key.key}: ${explanation}`).toBe(true);
        expect(explanation.includes(forcing), `${path} ${key.key}`).toBe(key.key.startsWith('/'));
      }
    }
    const english = explanationsIn(templates[POLICY_TEMPLATE_FILES.admlEnglish] as string);
    expect(english.get('/officePc/port')).toBe(
      "The office PC's RDP port, 1 to 65535. Default 3389. A whole number from 1 to 65535. Sets /officePc/port for every user of this computer, above any configuration profile; the employee cannot change it.",
    );
    expect(explanationsIn(templates[POLICY_TEMPLATE_FILES.admlItalian] as string).get('/officePc/port')).toMatch(
      /^Porta RDP del PC dell'ufficio, da 1 a 65535\. Predefinito 3389\. Un numero intero da 1 a 65535\. Imposta/,
    );
  });
});

describe('the example values', () => {
  it('make a policy.json the Linux reader applies as a whole', async () => {
    expect(PolicyDocument.safeParse(example).success).toBe(true);
    const dir = tempDir();
    const file = join(dir, 'policy.json');
    writeFileSync(file, committed(POLICY_TEMPLATE_FILES.linuxPolicy));
    chmodSync(file, 0o644);
    const read = await readJsonPolicyFile(file);
    expect(read).toEqual({
      source: file,
      policy: { trustedKeys: example['trustedKeys'], profileUrl: example['profileUrl'], forced: example['forced'] },
    });
  });

  it('are each accepted by the configuration, the VPN and the meetings services', () => {
    const effective = computeEffective({ forced: example['forced'] as Record<string, unknown> });
    expect(effective.problems).toEqual([]);
    expect(parseVpnConfig(effective.config.vpn)).toMatchObject({ ok: true });
    expect(meetingsConfigFromSections(effective.config)).toMatchObject({ ok: true });
    expect(
      computeEffective({ forced: { ...(example['forced'] as Record<string, unknown>), '/phone/server': 'http://pbx.example' } }).problems,
    ).not.toEqual([]);
  });
});

describe('the Windows registry values the ADMX writes', () => {
  it('read back through the registry reader as the same policy', () => {
    const policies = admxPolicies(committed(POLICY_TEMPLATE_FILES.admx));
    expect(policies).toHaveLength(allKeys.length);
    const listing = regQueryFor(policies, example);
    const { document, problems } = registryToPolicyDocument(parseRegQueryOutput(listing), `HKEY_LOCAL_MACHINE\\${WINDOWS_POLICY_KEY}`);
    expect(problems).toEqual([]);
    const parsed = PolicyDocument.safeParse(document);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(example);
  });

  it('put booleans and JSON in ForcedJson and plain texts, numbers and lists in Forced, as the reader expects', () => {
    const policies = admxPolicies(committed(POLICY_TEMPLATE_FILES.admx));
    const kindIn = (subkey: string) =>
      new Set(policies.filter((policy) => policy.key.endsWith(`\\${subkey}`)).map((policy) => Object.keys(policy.elements)[0]));
    expect(kindIn('ForcedJson')).toEqual(new Set(['boolean', 'text']));
    expect([...kindIn('Forced')].every((kind) => ['text', 'decimal', 'multiText', 'enum'].includes(kind ?? ''))).toBe(true);
  });
});

describe('the macOS configuration profile', () => {
  it('carries, in its payload for it.scrivania.app, what the managed-preferences reader applies', () => {
    const profile = plistToJson(committed(POLICY_TEMPLATE_FILES.mobileconfig)) as Record<string, Plist>;
    expect(profile['PayloadType']).toBe('Configuration');
    const [payload] = profile['PayloadContent'] as Record<string, Plist>[];
    expect(payload?.['PayloadType']).toBe('it.scrivania.app');
    const preferences = Object.fromEntries(
      Object.entries(payload ?? {})
        .filter(([key]) => !key.startsWith('Payload'))
        .map(([key, value]) => [key.charAt(0).toLowerCase() + key.slice(1), value]),
    );
    expect(PolicyDocument.parse(preferences)).toEqual(example);
  });
});

describe('scrivania policy templates', () => {
  it('writes every template below --out, readable by everyone', async () => {
    const out = tempDir();
    const lines: string[] = [];
    expect(await runPolicyCommand(['templates', '--out', out], { out: (text) => lines.push(text), err: (text) => lines.push(text) })).toBe(
      0,
    );
    for (const [path, content] of Object.entries(templates)) expect(readFileSync(join(out, path), 'utf8')).toBe(content);
    expect(lines).toHaveLength(Object.keys(templates).length);
  });

  it('says what is missing in one line and exits 2', async () => {
    const errors: string[] = [];
    expect(await runPolicyCommand(['templates'], { out: () => undefined, err: (text) => errors.push(text) })).toBe(2);
    expect(errors[0]?.split('\n')[0]).toBe('scrivania policy templates: --out DIR is required');
  });
});
