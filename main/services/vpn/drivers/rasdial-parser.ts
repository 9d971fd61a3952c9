/**
 * `rasdial` with no arguments lists the connected phonebook entries between a header and a footer whose wording
 * depends on the Windows display language ("Connected to" / "Connesso a", "No connections" / "Nessuna
 * connessione", "Command completed successfully." / "Esecuzione comando riuscita."). An entry is connected when
 * one of the lines is exactly its name, which holds in every language.
 */
export const rasdialListsEntry = (output: string, entry: string): boolean => {
  const wanted = entry.trim().toLowerCase();
  return output.split(/\r?\n/).some((line) => line.trim().toLowerCase() === wanted);
};

/** `Remote Access error 691 - …`: the error line of a failed `rasdial ENTRY`, else the last non-empty line. */
export const rasdialError = (output: string): string => {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.find((line) => /\b\d{3,4}\b/.test(line) && /error|errore/i.test(line)) ?? lines.at(-1) ?? '';
};
