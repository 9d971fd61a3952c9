/** One line of `nmcli -t` output split into fields: `:` separates them, `\:` and `\\` escape a colon and a backslash. */
export const splitTerseLine = (line: string): string[] => {
  const fields: string[] = [];
  let field = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '\\' && index + 1 < line.length) {
      field += line[++index];
      continue;
    }
    if (char === ':') {
      fields.push(field);
      field = '';
      continue;
    }
    field += char;
  }
  fields.push(field);
  return fields;
};

export interface ActiveConnection {
  name: string;
  type: string;
  device: string;
  /** activating, activated, deactivating. */
  state: string;
}

/** `nmcli -t -f NAME,TYPE,DEVICE,STATE connection show --active`. */
export const parseActiveConnections = (output: string): ActiveConnection[] =>
  output.split(/\r?\n/).flatMap((line): ActiveConnection[] => {
    if (line.trim() === '') return [];
    const [name, type, device, state] = splitTerseLine(line);
    if (name === undefined || type === undefined || device === undefined || state === undefined) return [];
    return [{ name, type, device, state }];
  });
